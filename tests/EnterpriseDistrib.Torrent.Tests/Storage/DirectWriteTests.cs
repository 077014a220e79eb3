using EnterpriseDistrib.Torrent.Storage;

namespace EnterpriseDistrib.Torrent.Tests.Storage;

/// <summary>Whole aligned pieces go around the page cache; what is read back is the same either way.</summary>
public sealed class DirectWriteTests : IDisposable
{
    private const int PieceLength = 64 * 1024;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Aligned_pieces_go_direct_and_unaligned_tails_buffered_and_all_read_back_exactly()
    {
        // A file ending mid-piece, a small unaligned file, and a last piece shorter than the rest.
        var content = TestContent.Create(PieceLength, "a.bin=200000", "b.bin=3000", "c.bin=150001");
        await using (var storage = new PieceStorage(content.Layout, _folder.Path))
        {
            await storage.AllocateAsync();
            foreach (var piece in Enumerable.Range(0, content.Layout.PieceCount).Reverse())
            {
                var buffer = new AlignedBuffer(PieceLength);
                content.Piece(piece).CopyTo(buffer.Span);
                await storage.WriteAsync(piece, 0, buffer.Memory[..content.Layout.GetPieceSize(piece)]);
            }

            await storage.FlushAsync();
            if (DirectIoAvailable(_folder.Path))
            {
                // Everything but the unaligned tails of a.bin and c.bin, and b.bin, which starts unaligned.
                Assert.True(storage.DirectBytesWritten >= 3 * PieceLength, $"only {storage.DirectBytesWritten} bytes went direct");
                Assert.True(storage.DirectBytesWritten < content.Bytes.Length);
            }

            for (var piece = 0; piece < content.Layout.PieceCount; piece++)
            {
                Assert.True(await storage.VerifyPieceAsync(piece), $"piece {piece}");
            }
        }

        for (var i = 0; i < content.Layout.Files.Length; i++)
        {
            Assert.Equal(content.BytesOf(i).ToArray(), await File.ReadAllBytesAsync(content.PathOf(_folder.Path, i)));
        }
    }

    [Fact]
    public async Task Unaligned_memory_and_direct_writes_turned_off_are_written_buffered()
    {
        var content = TestContent.Create(PieceLength, "a.bin=262144");
        await using var storage = new PieceStorage(content.Layout, _folder.Path, new PieceStorageOptions { DirectWrites = false });
        await using var unalignedStorage = new PieceStorage(content.Layout, Path.Combine(_folder.Path, "other"));
        await storage.AllocateAsync();
        await unalignedStorage.AllocateAsync();

        var aligned = new AlignedBuffer(PieceLength + 1);
        content.Piece(0).CopyTo(aligned.Span[1..]);
        await storage.WriteAsync(0, 0, aligned.Memory.Slice(0, PieceLength).ToArray());
        await unalignedStorage.WriteAsync(1, 0, aligned.Memory.Slice(1, PieceLength));

        Assert.Equal(0, storage.DirectBytesWritten);
        Assert.Equal(0, unalignedStorage.DirectBytesWritten);
        var read = new byte[PieceLength];
        await unalignedStorage.ReadPieceAsync(1, read);
        Assert.Equal(content.Piece(0).ToArray(), read);
    }

    [Fact]
    public void An_aligned_buffer_starts_on_a_4_KiB_boundary_and_its_slices_follow_the_offset()
    {
        var buffer = new AlignedBuffer(3 * DirectIo.Alignment);

        Assert.True(AlignedBuffer.IsAligned(buffer.Memory));
        Assert.True(AlignedBuffer.IsAligned(buffer.Memory[DirectIo.Alignment..]));
        Assert.False(AlignedBuffer.IsAligned(buffer.Memory[1..]));
        Assert.True(DirectIo.CanWrite(DirectIo.Alignment, buffer.Memory[..(2 * DirectIo.Alignment)]));
        Assert.False(DirectIo.CanWrite(512, buffer.Memory));
        Assert.False(DirectIo.CanWrite(0, buffer.Memory[..100]));
    }

    // The temp folder may be on a file system without O_DIRECT (tmpfs): then every write is buffered, which the
    // read-back checks still cover.
    private static bool DirectIoAvailable(string folder)
    {
        var probe = Path.Combine(folder, ".probe");
        File.WriteAllBytes(probe, []);
        using var handle = DirectIo.TryOpenForWriting(probe);
        return handle is not null;
    }
}
