namespace EnterpriseDistrib.Server.Uploads;

/// <summary>
/// One tus upload: <see cref="Length"/> bytes of the file at <see cref="Path"/> of a version, starting at
/// <see cref="FileOffset"/> in that file; <see cref="Offset"/> of them have arrived.
/// </summary>
public sealed record UploadRecord(
    string Id, Guid VersionId, string InfoHash, string Path, long FileOffset, long Length, long Offset, DateTimeOffset CreatedAt)
{
    public bool IsComplete => Offset == Length;
}
