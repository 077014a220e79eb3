using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;

namespace EnterpriseDistrib.Cli.Commands.Publish;

/// <summary>A request body of <c>length</c> bytes of a local file from <c>offset</c>, read through one pooled buffer, reporting each block sent.</summary>
internal sealed class FileRangeContent : HttpContent
{
    private const int BlockSize = 1 << 20;
    private readonly SafeFileHandle _file;
    private readonly long _offset;
    private readonly long _length;
    private readonly Action<long> _sent;

    public FileRangeContent(SafeFileHandle file, long offset, long length, Action<long> sent)
    {
        _file = file;
        _offset = offset;
        _length = length;
        _sent = sent;
        Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        Headers.ContentLength = length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            long done = 0;
            while (done < _length)
            {
                var want = (int)Math.Min(BlockSize, _length - done);
                var read = await RandomAccess.ReadAsync(_file, buffer.AsMemory(0, want), _offset + done, cancellationToken);
                if (read == 0)
                {
                    throw new IOException("The file became shorter while it was uploaded; do not change it while publishing.");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                done += read;
                _sent(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
