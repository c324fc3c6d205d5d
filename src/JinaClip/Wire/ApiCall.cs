using System.Buffers;
using System.Net;

namespace JinaClip.Wire;

/// <summary>
/// One request of one kind (embeddings, rerank, classification, the model catalogue) as the request pipeline sees it: where it goes, the
/// body it writes, how large its answer may legitimately be, and how that answer is read and checked. The pipeline's
/// stages know nothing else of the endpoint they serve.
/// </summary>
internal abstract class ApiCall
{
    /// <summary>Gets the GenAI operation name (<c>embeddings</c>, <c>rerank</c>) or another short name for the call.</summary>
    public abstract string Operation { get; }

    /// <summary>Gets what the items of a result are called in logs (<c>embeddings</c>, <c>rerank results</c>).</summary>
    public virtual string ResultNoun => Operation;

    /// <summary>Gets the path under the configured endpoint, such as <c>v1/embeddings</c>.</summary>
    public abstract string Path { get; }

    /// <summary>Gets the HTTP method; only a <see cref="HttpMethod.Post"/> call writes a body.</summary>
    public virtual HttpMethod Method => HttpMethod.Post;

    /// <summary>Gets whether the call writes a JSON body (a <c>POST</c>; <c>GET</c> and <c>DELETE</c> send none).</summary>
    public bool HasBody => Method == HttpMethod.Post;

    /// <summary>Gets the model the call names (for logs and spans), or the empty string.</summary>
    public required string Model { get; init; }

    /// <summary>Gets how many items (inputs, documents) the call sends.</summary>
    public abstract int Items { get; }

    /// <summary>Gets the most bytes a success response may hold.</summary>
    public abstract long ResponseCap { get; }

    /// <summary>Says what <see cref="ResponseCap"/> allows for; called only when a response passes it.</summary>
    public abstract string DescribeCap();

    /// <summary>Describes the items for a Trace log: texts as they are, images by kind and size, never bytes.</summary>
    public abstract string DescribeItems();

    /// <summary>An upper estimate of the body's size, so its buffer is rented once.</summary>
    public virtual int EstimateBodySize() => 256;

    /// <summary>Writes the JSON body; called only when <see cref="HasBody"/>.</summary>
    public virtual void WriteBody(IBufferWriter<byte> output)
    {
    }

    /// <summary>Reads and checks a success body.</summary>
    /// <exception cref="JinaInvalidResponseException">The body is not a valid answer to this call.</exception>
    public abstract ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey);
}
