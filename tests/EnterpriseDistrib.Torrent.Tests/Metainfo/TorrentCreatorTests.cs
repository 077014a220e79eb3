using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

public sealed class TorrentCreatorTests : IDisposable
{
    private const string Tracker = "http://127.0.0.1:6969/announce";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string BuildNestedContent()
    {
        _temp.WriteFile("pkg/setup.exe", 100_000, seed: 1);
        _temp.WriteFile("pkg/A.txt", 5_000, seed: 2);
        _temp.WriteFile("pkg/_under", 1_234, seed: 3);
        _temp.WriteFile("pkg/empty.dat", 0);
        _temp.WriteFile("pkg/sub/a.bin", 7_000, seed: 4);
        _temp.WriteFile("pkg/sub/B b", 10, seed: 5);
        _temp.WriteFile("pkg/sub/deeper/z.bin", 3_000, seed: 6);
        _temp.WriteFile("pkg/a b/x", 11, seed: 7);
        _temp.WriteFile("pkg/a.b/x", 12, seed: 8);
        _temp.WriteFile("pkg/a/x", 15, seed: 13);
        _temp.WriteFile("pkg/a/Y", 16, seed: 14);
        _temp.WriteFile("pkg/a0/x", 17, seed: 15);
        _temp.WriteFile("pkg/[b", 13, seed: 9);
        _temp.WriteFile("pkg/é", 14, seed: 10);
        _temp.WriteFile("pkg/.hidden", 3, seed: 11);
        _temp.WriteFile("pkg/.hiddendir/f", 2, seed: 12);
        Directory.CreateDirectory(_temp.Combine("pkg", "emptydir"));
        return _temp.Combine("pkg");
    }

    private string BuildManySmallFiles()
    {
        // 300 files of 1-200 bytes: pieces of 16 KiB span dozens of files each.
        for (var i = 0; i < 300; i++)
        {
            _temp.WriteFile($"small/d{i % 7}/f{i:D3}", 1 + (i * 37 % 200), seed: i);
        }

        return _temp.Combine("small");
    }

    [Theory]
    [InlineData(false, 32 * 1024)]
    [InlineData(true, 64 * 1024)]
    public async Task Single_file_info_hash_equals_mktorrent(bool isPrivate, int pieceLength)
    {
        var file = _temp.WriteFile("setup.msi", 250_001);
        var reference = TorrentMetainfo.Parse(await ReferenceTools.MktorrentAsync(file, _temp.Combine("m.torrent"), pieceLength, isPrivate, Tracker));

        var ours = await TorrentCreator.CreateAsync(file, new TorrentCreateOptions { PieceLength = pieceLength, IsPrivate = isPrivate, Trackers = [Tracker] });

        Assert.Equal(reference.InfoHash, ours.InfoHash);
        Assert.Equal(reference.InfoBytes.ToArray(), ours.InfoBytes.ToArray());
        Assert.False(ours.IsMultiFile);
    }

    [Theory]
    [InlineData(false, 16 * 1024)]
    [InlineData(true, 32 * 1024)]
    public async Task Single_file_info_hash_equals_transmission_create(bool isPrivate, int pieceLength)
    {
        var file = _temp.WriteFile("setup.msi", 250_001);
        var reference = TorrentMetainfo.Parse(await ReferenceTools.TransmissionCreateAsync(file, _temp.Combine("t.torrent"), pieceLength, isPrivate, Tracker));

        var ours = await TorrentCreator.CreateAsync(file, new TorrentCreateOptions
        {
            PieceLength = pieceLength, IsPrivate = isPrivate, Trackers = [Tracker], Convention = CreatorConvention.Transmission,
        });

        Assert.Equal(reference.InfoHash, ours.InfoHash);
        Assert.Equal(reference.InfoBytes.ToArray(), ours.InfoBytes.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nested_folder_with_hidden_and_empty_files_matches_mktorrent(bool isPrivate)
    {
        var content = BuildNestedContent();
        var reference = TorrentMetainfo.Parse(await ReferenceTools.MktorrentAsync(content, _temp.Combine("m.torrent"), 32 * 1024, isPrivate, Tracker));

        var ours = await TorrentCreator.CreateAsync(content, new TorrentCreateOptions { PieceLength = 32 * 1024, IsPrivate = isPrivate, Trackers = [Tracker] });

        Assert.Equal(reference.Layout.Files.Select(file => file.RelativePath), ours.Layout.Files.Select(file => file.RelativePath));
        Assert.Equal(reference.InfoHash, ours.InfoHash);
        Assert.Contains(ours.Layout.Files, file => file.Length == 0);
        Assert.Contains(ours.Layout.Files, file => file.Path[^1] == ".hidden");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nested_folder_matches_transmission_create_which_skips_hidden_and_empty_files(bool isPrivate)
    {
        var content = BuildNestedContent();
        var reference = TorrentMetainfo.Parse(await ReferenceTools.TransmissionCreateAsync(content, _temp.Combine("t.torrent"), 16 * 1024, isPrivate, Tracker));

        var ours = await TorrentCreator.CreateAsync(content, new TorrentCreateOptions
        {
            PieceLength = 16 * 1024, IsPrivate = isPrivate, Trackers = [Tracker], Convention = CreatorConvention.Transmission,
        });

        Assert.Equal(reference.Layout.Files.Select(file => file.RelativePath), ours.Layout.Files.Select(file => file.RelativePath));
        Assert.Equal(reference.InfoHash, ours.InfoHash);
        Assert.DoesNotContain(ours.Layout.Files, file => file.Length == 0 || file.Path[^1].StartsWith('.'));
    }

    [Fact]
    public async Task Pieces_spanning_many_small_files_match_both_tools()
    {
        var content = BuildManySmallFiles();
        var mktorrent = TorrentMetainfo.Parse(await ReferenceTools.MktorrentAsync(content, _temp.Combine("m.torrent"), 32 * 1024, false, Tracker));
        var transmission = TorrentMetainfo.Parse(await ReferenceTools.TransmissionCreateAsync(content, _temp.Combine("t.torrent"), 16 * 1024, false, Tracker));

        var oursM = await TorrentCreator.CreateAsync(content, new TorrentCreateOptions { PieceLength = 32 * 1024 });
        var oursT = await TorrentCreator.CreateAsync(content, new TorrentCreateOptions { PieceLength = 16 * 1024, Convention = CreatorConvention.Transmission });

        Assert.Equal(300, oursM.Layout.Files.Length);
        Assert.Equal(mktorrent.InfoHash, oursM.InfoHash);
        Assert.Equal(transmission.InfoHash, oursT.InfoHash);
    }

    [Fact]
    public async Task Outer_fields_follow_the_tools_announce_list_and_url_list_forms()
    {
        var file = _temp.WriteFile("tool.zip", 40_000);
        var trackers = new[] { "http://127.0.0.1:1/a", "http://127.0.0.2:1/a" };
        var date = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var ours = await TorrentCreator.CreateAsync(file, new TorrentCreateOptions
        {
            PieceLength = 32 * 1024,
            Trackers = trackers,
            WebSeeds = ["http://127.0.0.1:8080/pkg/"],
            Comment = "hello",
            CreatedBy = "mktorrent 1.1",
            CreationDate = date,
        });

        var reference = await ReferenceTools.MktorrentAsync(
            file, _temp.Combine("m.torrent"), 32 * 1024, false, trackers[0], "-a", trackers[1], "-w", "http://127.0.0.1:8080/pkg/", "-c", "hello");
        var referenceRoot = BencodeDecoder.DecodeDictionary(reference);
        var oursRoot = BencodeDecoder.DecodeDictionary(ours.TorrentBytes);

        // Everything but the creation date matches mktorrent's whole file.
        Assert.Equal(referenceRoot.Select(entry => entry.Key.ToString()), oursRoot.Select(entry => entry.Key.ToString()));
        foreach (var key in new[] { "announce", "announce-list", "url-list", "comment", "created by", "info" })
        {
            Assert.True(referenceRoot.TryGetValue(key, out var expected));
            Assert.True(oursRoot.TryGetValue(key, out var actual));
            Assert.Equal(expected.Raw.ToArray(), actual.Raw.ToArray());
        }

        Assert.Equal(date, ours.CreationDate);
        Assert.Equal([[trackers[0]], [trackers[1]]], ours.AnnounceList.Select(tier => tier.ToArray()));
    }

    [Fact]
    public async Task Defaults_choose_the_piece_length_and_name_and_stamp_creator_and_date()
    {
        var file = _temp.WriteFile("app.msi", 1_000_000);
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var ours = await TorrentCreator.CreateAsync(file, new TorrentCreateOptions());

        Assert.Equal("app.msi", ours.Name);
        Assert.Equal(PieceLengthPolicy.MinAutomaticPieceLength, ours.Layout.PieceLength);
        Assert.StartsWith("EnterpriseDistrib/", ours.CreatedBy, StringComparison.Ordinal);
        Assert.InRange(ours.CreationDate!.Value, before, DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Null(ours.Announce);
        Assert.False(ours.IsPrivate);
        Assert.False(ours.Info.TryGetValue("private", out _));
    }

    [Fact]
    public async Task Name_override_and_omitted_date_are_honoured()
    {
        var file = _temp.WriteFile("app.msi", 1000);
        var ours = await TorrentCreator.CreateAsync(file, new TorrentCreateOptions { Name = "Renamed.msi", CreationDate = null, CreatedBy = null });

        Assert.Equal("Renamed.msi", ours.Name);
        var root = BencodeDecoder.DecodeDictionary(ours.TorrentBytes);
        Assert.False(root.TryGetValue("creation date", out _));
        Assert.False(root.TryGetValue("created by", out _));
    }

    [Fact]
    public async Task Progress_reports_every_byte_hashed()
    {
        var content = BuildManySmallFiles();
        var reported = new List<long>();
        var progress = new SynchronousProgress(reported.Add);
        var ours = await TorrentCreator.CreateAsync(content, new TorrentCreateOptions { PieceLength = 16 * 1024 }, progress);

        Assert.Equal(ours.Layout.TotalLength, reported.Max());
    }

    [Fact]
    public async Task Cancellation_stops_creation()
    {
        var file = _temp.WriteFile("big.bin", 4_000_000);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TorrentCreator.CreateAsync(file, new TorrentCreateOptions(), null, cancelled.Token));
    }

    [Theory]
    [InlineData("pkg/CON.txt")]
    [InlineData("pkg/sub/trailing.")]
    [InlineData("pkg/what?")]
    public async Task Content_with_a_name_unsafe_on_endpoints_is_refused_naming_the_file(string unsafeFile)
    {
        _temp.WriteFile("pkg/ok.bin", 100);
        _temp.WriteFile(unsafeFile, 100);
        var error = await Assert.ThrowsAsync<InvalidTorrentException>(() => TorrentCreator.CreateAsync(_temp.Combine("pkg"), new TorrentCreateOptions()));
        Assert.Contains(unsafeFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_differing_only_in_case_are_refused()
    {
        _temp.WriteFile("pkg/Readme.txt", 10);
        _temp.WriteFile("pkg/README.TXT", 10);
        var error = await Assert.ThrowsAsync<InvalidTorrentException>(() => TorrentCreator.CreateAsync(_temp.Combine("pkg"), new TorrentCreateOptions()));
        Assert.Contains("ignoring case", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(3 * 16 * 1024)]
    [InlineData(8 * 1024)]
    public async Task Piece_lengths_that_are_not_powers_of_two_of_at_least_16_KiB_are_refused(int pieceLength)
    {
        var file = _temp.WriteFile("a.bin", 100);
        await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(file, new TorrentCreateOptions { PieceLength = pieceLength }));
    }

    [Fact]
    public async Task Empty_content_is_refused()
    {
        _temp.WriteFile("pkg/empty", 0);
        await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(_temp.Combine("pkg"), new TorrentCreateOptions()));
    }

    [Fact]
    public void Transmission_order_folds_ascii_case_and_puts_non_ascii_first()
    {
        string[] names = ["a", "z", "é", "Z_", "~x", "[b", "a~", "B"];
        var sorted = names.OrderBy(name => name, Comparer<string>.Create((left, right) =>
            ContentScanner.TransmissionCompare(System.Text.Encoding.UTF8.GetBytes(left), System.Text.Encoding.UTF8.GetBytes(right)))).ToArray();

        // As transmission-create 3.00 ordered these names when run on them.
        Assert.Equal(["é", "[b", "a", "a~", "B", "z", "Z_", "~x"], sorted);
    }

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/> which posts to the thread pool.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        private readonly Lock _gate = new();

        public void Report(long value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
