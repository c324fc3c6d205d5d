using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary><c>DELETE /v1/classifiers/{id}</c>: no body; the answer is an object whose fields the API does not state.</summary>
internal sealed class DeleteClassifierCall : ApiCall
{
    private const long Cap = 1024 * 1024;

    public required string ClassifierId { get; init; }

    public override string Operation => "delete_classifier";

    public override string ResultNoun => "classifiers";

    public override string Path => "v1/classifiers/" + Uri.EscapeDataString(ClassifierId);

    public override HttpMethod Method => HttpMethod.Delete;

    public override int Items => 1;

    public override long ResponseCap => Cap;

    public override string DescribeCap() => "a deletion answer";

    public override string DescribeItems() => ClassifierId;

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        if (body.IsEmpty)
        {
            return new ApiResult(ClassifierId, string.Empty, 1, null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JinaInvalidResponseException($"The delete-classifier response is a JSON {document.RootElement.ValueKind}; expected an object.", status);
            }
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The delete-classifier response is not valid JSON: {ex.Message}", status, ex);
        }

        return new ApiResult(ClassifierId, string.Empty, 1, null, null);
    }
}
