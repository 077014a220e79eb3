using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// Lets the origin's web seed serve a package to the agent whose passkey is in the URL under the tracker's rules:
/// a valid passkey of a known, unrevoked agent that the package is assigned to (same bound on revocation as announces).
/// </summary>
internal sealed class TrackerWebSeedAuthorizer(PasskeyCodec passkeys, TrackerDirectory directory) : IWebSeedAuthorizer
{
    public async ValueTask<bool> MayFetchAsync(string passkey, InfoHash infoHash, CancellationToken cancellationToken)
    {
        if (!passkeys.TryRead(passkey, out var agentId))
        {
            return false;
        }

        var agent = await directory.GetAgentAsync(agentId, cancellationToken);
        return agent.Exists && !agent.Revoked && (await directory.GetAssignmentsAsync(cancellationToken)).TryGetAssigned(agent.SiteId, infoHash, out _);
    }
}
