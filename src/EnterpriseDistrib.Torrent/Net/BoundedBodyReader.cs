using System.Buffers;

namespace EnterpriseDistrib.Torrent.Net;

/// <summary>Reads an HTTP body whole, refusing it once it passes a size cap, so a hostile server cannot make us buffer without end.</summary>
public static class BoundedBodyReader
{
    /// <summary>The body's bytes; <see cref="InvalidDataException"/> if it is (or announces itself as) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new InvalidDataException($"The body declares {declared} bytes, more than the {maxBytes} allowed.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1L, content.Headers.ContentLength + 1 ?? 16 * 1024));
            try
            {
                var length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > maxBytes)
                        {
                            throw new InvalidDataException($"The body is more than the {maxBytes} bytes allowed.");
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > maxBytes)
                    {
                        throw new InvalidDataException($"The body is more than the {maxBytes} bytes allowed.");
                    }
                }

                return buffer.AsSpan(0, length).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
