using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>
/// Decides whether the agent holding <c>passkey</c> may fetch a package's content from the web seed (the
/// tracker's passkeys: a known, unrevoked agent assigned that package). The tracker registers the real one.
/// </summary>
public interface IWebSeedAuthorizer
{
    ValueTask<bool> MayFetchAsync(string passkey, InfoHash infoHash, CancellationToken cancellationToken);
}

/// <summary>The default until the tracker registers its authorizer: nobody may fetch (fail closed).</summary>
internal sealed class NoWebSeedAccess : IWebSeedAuthorizer
{
    public ValueTask<bool> MayFetchAsync(string passkey, InfoHash infoHash, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
