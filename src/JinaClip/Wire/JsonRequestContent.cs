using System.Net;
using System.Net.Http.Headers;

namespace JinaClip.Wire;

/// <summary>
/// A JSON request body already written to memory, so its length is known. It does not own the memory: the pipeline
/// writes the body once and every attempt sends it through a new content over the same bytes.
/// </summary>
internal sealed class JsonRequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _body;

    public JsonRequestContent(ReadOnlyMemory<byte> body)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public ReadOnlyMemory<byte> Bytes => _body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_body).AsTask();

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_body, cancellationToken).AsTask();
#endif

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
