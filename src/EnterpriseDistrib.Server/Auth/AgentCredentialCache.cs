using Microsoft.Extensions.Caching.Memory;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>Who an accepted agent credential belongs to, as the cache keeps it.</summary>
internal sealed record AgentIdentity(Guid AgentId, Guid? SiteId, string Hostname);

/// <summary>
/// Remembers accepted agent credentials for a very short time (<c>Auth:AgentCredentialCacheSeconds</c>, default 1 s,
/// 0 turns it off), so an agent sending several requests in a burst costs one catalog lookup, not one per request.
/// Careful by construction: only accepted credentials are kept (never unknown or revoked ones), and a revocation
/// through this server clears the cache before it answers, so on a single silo a revoked agent is refused from its
/// very next request; another silo may accept it for at most the cache lifetime.
/// </summary>
internal sealed class AgentCredentialCache : IDisposable
{
    /// <summary>Most credentials kept at once (a burst from the whole fleet fits; memory stays bounded).</summary>
    public const int MaxEntries = 200_000;

    private readonly MemoryCache _cache;
    private readonly TimeSpan _lifetime;

    public AgentCredentialCache(IConfiguration configuration, TimeProvider time)
    {
        var seconds = configuration.GetValue("Auth:AgentCredentialCacheSeconds", 1.0);
        if (seconds is < 0 or > 60)
        {
            throw new Hosting.ServerConfigurationException($"Auth:AgentCredentialCacheSeconds must be between 0 and 60 (got {seconds}); 0 turns the cache off.");
        }

        _lifetime = TimeSpan.FromSeconds(seconds);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxEntries, Clock = new TimeProviderClock(time) });
    }

    public bool TryGet(string credential, out AgentIdentity identity)
    {
        identity = null!;
        return _lifetime > TimeSpan.Zero && _cache.TryGetValue(credential, out identity!);
    }

    public void Remember(string credential, AgentIdentity identity)
    {
        if (_lifetime > TimeSpan.Zero)
        {
            _cache.Set(credential, identity, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _lifetime, Size = 1 });
        }
    }

    /// <summary>Forgets every credential: called when any agent is revoked (rare), before the revocation is answered.</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();

    /// <summary>Lets the cache expire entries on the host's clock.</summary>
#pragma warning disable CS0618 // ISystemClock is the clock MemoryCacheOptions takes.
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}
