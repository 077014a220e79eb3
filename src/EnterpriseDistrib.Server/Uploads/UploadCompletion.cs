using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Uploads;

/// <summary>
/// Decides, when an upload completes, whether the version's content is whole: every byte of every file
/// covered by completed uploads and no upload of it still open. Then it hands the version to the verifier.
/// </summary>
public sealed class UploadCompletion(UploadRegistry registry, IOriginStorage storage, PackageContentStore contents, ContentVerifier verifier)
{
    /// <summary>Called after an upload of <paramref name="metainfo"/>'s version reached its length.</summary>
    public async Task OnUploadCompletedAsync(Guid versionId, TorrentMetainfo metainfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metainfo);
        var uploads = await registry.ListAsync(versionId, cancellationToken);
        if (uploads.Any(u => !u.IsComplete) || !Covers(metainfo.Layout, uploads))
        {
            return;
        }

        // Empty files have no upload but must exist for the seeder.
        foreach (var empty in metainfo.Layout.Files.Where(f => f.Length == 0))
        {
            await (await storage.OpenWriterAsync(metainfo.InfoHash, empty, cancellationToken)).DisposeAsync();
        }

        if (await contents.MarkVerifyingAsync(versionId, cancellationToken))
        {
            verifier.Enqueue(versionId);
        }
    }

    /// <summary>Whether the completed uploads cover every byte of every non-empty file.</summary>
    internal static bool Covers(ContentLayout layout, IEnumerable<UploadRecord> uploads)
    {
        var byPath = uploads.Where(u => u.IsComplete && u.Length > 0).ToLookup(u => u.Path, StringComparer.Ordinal);
        foreach (var file in layout.Files.Where(f => f.Length > 0))
        {
            long covered = 0;
            foreach (var upload in byPath[string.Join('/', file.Path)].OrderBy(u => u.FileOffset))
            {
                if (upload.FileOffset > covered)
                {
                    return false;
                }

                covered = Math.Max(covered, upload.FileOffset + upload.Length);
            }

            if (covered < file.Length)
            {
                return false;
            }
        }

        return true;
    }
}
