namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>A web seed could not supply a range: it failed, misbehaved, or is resting after repeated failures.</summary>
public sealed class WebSeedException : Exception
{
    public WebSeedException(Uri url, string problem, bool isTransient, Exception? innerException = null)
        : base($"Web seed {url}: {problem}", innerException)
    {
        Url = url;
        Problem = problem;
        IsTransient = isTransient;
    }

    public Uri Url { get; }

    public string Problem { get; }

    /// <summary>Whether trying again later may work (a 5xx or a timeout) rather than not (a 404, a file of the wrong size).</summary>
    public bool IsTransient { get; }
}
