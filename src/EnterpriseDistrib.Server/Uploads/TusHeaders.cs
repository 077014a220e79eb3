namespace EnterpriseDistrib.Server.Uploads;

/// <summary>The header names and values of tus 1.0 (https://tus.io/protocols/resumable-upload) that we speak.</summary>
internal static class TusHeaders
{
    public const string Resumable = "Tus-Resumable";
    public const string Version = "Tus-Version";
    public const string Extension = "Tus-Extension";
    public const string MaxSize = "Tus-Max-Size";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadLength = "Upload-Length";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadDeferLength = "Upload-Defer-Length";

    /// <summary>The only protocol version we speak.</summary>
    public const string ProtocolVersion = "1.0.0";

    /// <summary>tus §"Extensions": Core plus these.</summary>
    public const string Extensions = "creation,termination";

    /// <summary>tus §"PATCH": the body's content type.</summary>
    public const string PatchContentType = "application/offset+octet-stream";
}
