using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace JinaClip.Http;

/// <summary>
/// A JSON request body already written to a pooled buffer, so its length is known; the buffer goes back to the pool
/// when the request message (and so this content) is disposed.
/// </summary>
internal sealed class JsonRequestContent : HttpContent
{
    private readonly PooledBufferWriter _buffer;

    public JsonRequestContent(PooledBufferWriter buffer)
    {
        _buffer = buffer;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public ReadOnlyMemory<byte> Bytes => _buffer.WrittenMemory;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer.WrittenMemory).AsTask();

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).AsTask();
#endif

    protected override bool TryComputeLength(out long length)
    {
        length = _buffer.WrittenCount;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}
