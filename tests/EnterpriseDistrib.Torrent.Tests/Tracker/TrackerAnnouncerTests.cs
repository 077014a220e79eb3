using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Threading.Channels;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;
using EnterpriseDistrib.Torrent.Tests.Net;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Tracker;

public sealed class TrackerAnnouncerTests : IAsyncDisposable
{
    private const string Ok = "d8:intervali120e12:min intervali60e5:peers6:\u007f\u0000\u0000\u0005\u001a\u00e1e";
    private static readonly InfoHash Hash = InfoHash.ParseHex("aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00");
    private static readonly byte[] PeerId = "-ED0001-announcer000"u8.ToArray();

    private readonly TimerObservingTimeProvider _time = new();
    private readonly HttpClient _http = BoundHttpClientFactory.CreateClient(null, TimeSpan.FromSeconds(10));
    private readonly List<IAsyncDisposable> _disposables = [];
    private long _left = 500;

    private static TrackerAnnouncerOptions Options => new()
    {
        ShuffleTiers = false,
        RandomSeed = 1,
        Backoff = new RetryBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(80), JitterFraction: 0),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        _http.Dispose();
    }

    [Fact]
    public async Task The_loop_announces_started_then_regularly_then_completed_then_stopped()
    {
        var tracker = Tracker(_ => Ok);
        var announcer = Announcer([[Url(tracker)]]);

        announcer.Start();
        var started = await tracker.NextRequestAsync();
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(120));
        var regular = await tracker.NextRequestAsync();
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextTimerAsync());
        Interlocked.Exchange(ref _left, 0);
        announcer.NotifyCompleted();
        var completed = await tracker.NextRequestAsync();
        await announcer.DisposeAsync();
        var stopped = await tracker.NextRequestAsync();

        Assert.Equal(("started", "500"), (started.RawQueryValue("event"), started.RawQueryValue("left")));
        Assert.Equal((null, "500"), (regular.RawQueryValue("event"), regular.RawQueryValue("left")));
        Assert.Equal(("completed", "0"), (completed.RawQueryValue("event"), completed.RawQueryValue("left")));
        Assert.Equal(("stopped", "0", "0"), (stopped.RawQueryValue("event"), stopped.RawQueryValue("left"), stopped.RawQueryValue("numwant")));
        Assert.Equal(started.RawQueryValue("key"), stopped.RawQueryValue("key"));
    }

    [Fact]
    public async Task Completion_during_the_started_announce_is_still_announced()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tracker = new LoopbackHttpServer(async (request, stream, ct) =>
        {
            if (request.RawQueryValue("event") == "started")
            {
                await release.Task.WaitAsync(ct);
            }

            await LoopbackHttpServer.WriteAsync(stream, 200, Encoding.Latin1.GetBytes(Ok), ct);
        });
        _disposables.Add(tracker);
        var announcer = Announcer([[Url(tracker)]]);

        announcer.Start();
        Assert.Equal("500", (await tracker.NextRequestAsync()).RawQueryValue("left"));
        Interlocked.Exchange(ref _left, 0);
        announcer.NotifyCompleted();
        release.SetResult();

        var completed = await tracker.NextRequestAsync();
        Assert.Equal(("completed", "0"), (completed.RawQueryValue("event"), completed.RawQueryValue("left")));
    }

    [Fact]
    public async Task A_torrent_complete_at_start_owes_no_completed_announce()
    {
        Interlocked.Exchange(ref _left, 0);
        var tracker = Tracker(_ => Ok);
        var announcer = Announcer([[Url(tracker)]]);

        announcer.Start();
        await tracker.NextRequestAsync();
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextTimerAsync());
        announcer.NotifyCompleted();
        _time.Advance(TimeSpan.FromSeconds(120));

        Assert.Null((await tracker.NextRequestAsync()).RawQueryValue("event"));
    }

    [Fact]
    public async Task Peers_from_every_answer_reach_the_engine()
    {
        var tracker = Tracker(_ => Ok);
        var announcer = Announcer([[Url(tracker)]]);

        announcer.Start();
        var peer = await announcer.Peers.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IPEndPoint.Parse("127.0.0.5:6881"), peer);
        Assert.Equal(Url(tracker), announcer.Status.Tracker);
        Assert.Equal(TimeSpan.FromSeconds(60), announcer.Status.MinInterval);
    }

    [Fact]
    public async Task A_failing_tracker_is_retried_with_exponential_backoff()
    {
        var tracker = Tracker(_ => null);
        var announcer = Announcer([[Url(tracker)]]);

        announcer.Start();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            await tracker.NextRequestAsync();
            waits.Add(await _time.NextTimerAsync());
            if (i < 4)
            {
                _time.Advance(waits[^1]);
            }
        }

        Assert.Equal([10, 20, 40, 80, 80], waits.Select(w => w.TotalSeconds));
        Assert.Equal(5, announcer.Status.ConsecutiveFailures);
        Assert.IsType<TrackerUnreachableException>(announcer.Status.LastError);
        _time.Advance(waits[^1]);
        Assert.Equal("started", (await tracker.NextRequestAsync()).RawQueryValue("event")); // still owed
    }

    [Fact]
    public async Task A_retry_after_a_failure_waits_out_the_trackers_min_interval()
    {
        var answers = new ConcurrentQueue<string?>([Ok, null]);
        var tracker = Tracker(_ => answers.TryDequeue(out var answer) ? answer : Ok);
        var announcer = Announcer([[Url(tracker)]]);
        announcer.Start();
        await tracker.NextRequestAsync();
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextTimerAsync());

        announcer.NotifyCompleted(); // announced at once, and refused with HTTP 500
        Assert.Equal("completed", (await tracker.NextRequestAsync()).RawQueryValue("event"));

        // Backoff alone would retry in 10 s; the tracker said not before 60 s after its last answer.
        Assert.Equal(TimeSpan.FromSeconds(60), await _time.NextTimerAsync());
        Assert.False(tracker.Requests.TryRead(out _));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("completed", (await tracker.NextRequestAsync()).RawQueryValue("event"));
    }

    [Fact]
    public async Task Asking_for_peers_announces_as_soon_as_min_interval_allows()
    {
        var tracker = Tracker(_ => Ok);
        var announcer = Announcer([[Url(tracker)]]);
        announcer.Start();
        await tracker.NextRequestAsync();
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(20));

        announcer.RequestPeers();

        Assert.Equal(TimeSpan.FromSeconds(40), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null((await tracker.NextRequestAsync()).RawQueryValue("event"));
    }

    [Fact]
    public async Task The_next_tracker_of_a_tier_is_tried_and_promoted_when_it_answers()
    {
        var broken = Tracker(_ => null);
        var working = Tracker(_ => Ok);
        var announcer = Announcer([[Url(broken), Url(working)]]);

        announcer.Start();
        await broken.NextRequestAsync();
        await working.NextRequestAsync();
        _time.Advance(await _time.NextTimerAsync());
        await working.NextRequestAsync();
        await _time.NextTimerAsync(); // the round is over

        Assert.False(broken.Requests.TryRead(out _)); // the working tracker now comes first
        Assert.Equal(Url(working), announcer.Status.Tracker);
    }

    [Fact]
    public async Task A_lower_tier_is_used_when_the_first_refuses_and_the_refusal_is_reported_if_all_fail()
    {
        var refusing = Tracker(_ => "d14:failure reason7:go awaye");
        var backup = Tracker(_ => null);
        var announcer = Announcer([[Url(refusing)], [Url(backup)]]);

        announcer.Start();
        await refusing.NextRequestAsync();
        await backup.NextRequestAsync();
        await _time.NextTimerAsync();

        var error = Assert.IsType<TrackerFailureException>(announcer.Status.LastError);
        Assert.Equal("go away", error.FailureReason);
    }

    [Fact]
    public async Task A_warning_message_is_shown_in_the_status()
    {
        var tracker = Tracker(_ => "d8:intervali120e5:peers0:15:warning message9:read thise");
        var announcer = Announcer([[Url(tracker)]]);

        announcer.Start();
        await tracker.NextRequestAsync();
        await _time.NextTimerAsync();

        Assert.Equal("read this", announcer.Status.WarningMessage);
    }

    [Fact]
    public async Task An_interval_of_zero_is_raised_to_the_configured_floor()
    {
        var tracker = Tracker(_ => "d8:intervali0e5:peers0:e");
        var announcer = Announcer([[Url(tracker)]]);

        announcer.Start();
        await tracker.NextRequestAsync();

        Assert.Equal(TimeSpan.FromSeconds(30), await _time.NextTimerAsync());
    }

    [Fact]
    public async Task An_announcer_that_never_reached_a_tracker_sends_no_stopped()
    {
        var tracker = Tracker(_ => null);
        var announcer = Announcer([[Url(tracker)]]);
        announcer.Start();
        await tracker.NextRequestAsync();
        await _time.NextTimerAsync();

        await announcer.DisposeAsync();

        Assert.False(tracker.Requests.TryRead(out _));
        Assert.True(announcer.Peers.Completion.IsCompleted);
    }

    [Fact]
    public async Task Web_seeds_handed_by_the_tracker_are_reported_and_withdrawn_when_a_later_answer_omits_them()
    {
        const string seed = "http://127.0.0.9:8080/content/key/aa/";
        var handSeeds = 1;
        var tracker = Tracker(_ => Volatile.Read(ref handSeeds) == 1
            ? $"d8:intervali120e5:peers0:17:x-edist-web-seedsl{seed.Length}:{seed}ee"
            : "d8:intervali120e5:peers0:e");
        var changes = Channel.CreateUnbounded<ImmutableArray<Uri>>();
        var announcer = Announcer([[Url(tracker)]]);
        announcer.WebSeedsChanged += urls => changes.Writer.TryWrite(urls);

        announcer.Start();
        await tracker.NextRequestAsync();
        var handed = await changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(120));
        await tracker.NextRequestAsync();
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextTimerAsync());
        Volatile.Write(ref handSeeds, 0);
        _time.Advance(TimeSpan.FromSeconds(120));
        await tracker.NextRequestAsync();
        var withdrawn = await changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([seed], handed.Select(u => u.ToString()));
        Assert.Empty(withdrawn);
        Assert.Empty(announcer.Status.WebSeeds);

        // The unchanged second answer raised nothing in between.
        Assert.False(changes.Reader.TryRead(out _));
    }

    private static Uri Url(LoopbackHttpServer server) => new(server.BaseUri, "announce");

    // answer: the bencoded body to send, or null for an HTTP 500.
    private LoopbackHttpServer Tracker(Func<LoopbackHttpRequest, string?> answer)
    {
        var server = new LoopbackHttpServer((request, stream, ct) => answer(request) is { } body
            ? LoopbackHttpServer.WriteAsync(stream, 200, Encoding.Latin1.GetBytes(body), ct)
            : LoopbackHttpServer.WriteAsync(stream, 500, "oops"u8.ToArray(), ct));
        _disposables.Add(server);
        return server;
    }

    private TrackerAnnouncer Announcer(IReadOnlyList<IReadOnlyList<Uri>> tiers)
    {
        var announcer = new TrackerAnnouncer(
            new HttpTrackerClient(_http),
            new AnnounceTarget(tiers, Hash, PeerId, 6881),
            () => new TransferTotals(0, 500 - Interlocked.Read(ref _left), Interlocked.Read(ref _left)),
            Options,
            _time);
        _disposables.Add(announcer);
        return announcer;
    }
}
