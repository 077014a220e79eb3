using System.Buffers;

namespace EnterpriseDistrib.Benchmarks.Hashing;

/// <summary>Makes and caches the benchmark's content file.</summary>
internal static class TestData
{
    private const int BlockSize = 4 << 20;

    /// <summary>Writes <paramref name="size"/> bytes of seeded pseudo-random data; returns the path.</summary>
    public static async Task<string> WriteAsync(string path, long size, CancellationToken cancellationToken)
    {
        var random = new Random(20261128);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, FileOptions.None, size);
            for (long offset = 0; offset < size; offset += BlockSize)
            {
                var count = (int)Math.Min(BlockSize, size - offset);
                random.NextBytes(buffer.AsSpan(0, count));
                await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, count), offset, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return path;
    }

    /// <summary>Reads the whole file twice so both tools hash from the page cache, not the disk.</summary>
    public static async Task WarmPageCacheAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            using var handle = File.OpenHandle(path);
            for (var pass = 0; pass < 2; pass++)
            {
                long offset = 0;
                int read;
                while ((read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, BlockSize), offset, cancellationToken)) > 0)
                {
                    offset += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
