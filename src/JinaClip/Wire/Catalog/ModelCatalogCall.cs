using System.Net;
using System.Text.Json;


namespace JinaClip.Wire;

/// <summary><c>GET /v1/models</c>, or <c>GET /v1/models/{id}</c> for one model: no body, a bounded answer read as <c>ModelInfo</c>s.</summary>
internal sealed class ModelCatalogCall : ApiCall
{
    /// <summary>The most bytes a catalogue answer may hold: far more than a list of every model.</summary>
    private const long Cap = 16L * 1024 * 1024;

    private readonly string? _id;

    public ModelCatalogCall(string? id)
    {
        _id = id;
    }

    public override string Operation => "models";

    public override string ResultNoun => "models";

    public override string Path => _id is null ? "v1/models" : "v1/models/" + Uri.EscapeDataString(_id);

    public override HttpMethod Method => HttpMethod.Get;

    public override int Items => 0;

    public override long ResponseCap => Cap;

    public override string DescribeCap() => "the model catalogue";

    public override string DescribeItems() => _id ?? "all models";

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        List<ModelInfo> models;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            models = _id is null ? ModelInfoReader.ReadList(document.RootElement, status) : [ModelInfoReader.ReadOne(document.RootElement, "the model", status)];
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The model catalogue response is not valid JSON: {ex.Message}", status, ex);
        }

        return new ApiResult(models, _id ?? string.Empty, models.Count, null, null);
    }
}
