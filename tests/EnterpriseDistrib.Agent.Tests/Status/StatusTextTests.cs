using EnterpriseDistrib.Agent.Downloads;
using EnterpriseDistrib.Agent.Status;

namespace EnterpriseDistrib.Agent.Tests.Status;

public sealed class StatusTextTests
{
    [Fact]
    public void Downloads_in_progress_show_their_stage_progress_and_bytes_per_source()
    {
        var snapshot = new AgentStatusSnapshot(Guid.NewGuid(), "Running", "http://server/", true, null, null, 0, null, null, [], 0, DateTimeOffset.UnixEpoch, 42);
        DownloadStatus[] downloads =
        [
            new(Guid.NewGuid(), "office-suite", "16.0", "Downloading", 256, 1024, 3, 300, 40,
                [new SourceBytes("127.0.31.8", 200, 40), new SourceBytes("web seed http://origin/c/", 100, 0)], null, DateTimeOffset.UnixEpoch),
        ];

        var text = StatusText.Format("/var/lib/edist-agent", null, false, snapshot, downloads);

        Assert.Contains("Packages:        1", text, StringComparison.Ordinal);
        Assert.Contains("office-suite 16.0: Downloading, 25.0 % verified (256 of 1,024 bytes), 3 peer(s)", text, StringComparison.Ordinal);
        Assert.Contains("from 127.0.31.8: 200 bytes received, 40 sent", text, StringComparison.Ordinal);
        Assert.Contains("from web seed http://origin/c/: 100 bytes received", text, StringComparison.Ordinal);
    }
}
