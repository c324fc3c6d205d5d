using System.Buffers;
using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// One <c>POST /v1/train</c> request: create a classifier (<c>model</c>, <c>access</c>) or update one
/// (<c>classifier_id</c>) from labelled examples, already prepared; the answer names the classifier and the samples used.
/// </summary>
internal sealed class TrainCall : ApiCall
{
    private const long Cap = 1024 * 1024;

    public override string Operation => "train";

    public override string ResultNoun => "classifiers";

    public override string Path => "v1/train";

    /// <summary>Gets the classifier to update, or <see langword="null"/> to create one for <see cref="ApiCall.Model"/>.</summary>
    public string? ClassifierId { get; init; }

    public required PreparedInput[] Inputs { get; init; }

    /// <summary>Gets each input's label, by position.</summary>
    public required string[] Labels { get; init; }

    public int? Iterations { get; init; }

    /// <summary>Gets <c>access</c> for a new classifier (<c>private</c> or <c>public</c>); not sent on update.</summary>
    public string? Access { get; init; }

    public override int Items => Inputs.Length;

    public override long ResponseCap => Cap;

    public override string DescribeCap() => "a training answer";

    public override string DescribeItems() =>
        (ClassifierId is null ? string.Empty : $"classifier: {ClassifierId} | ") + string.Join(" | ", Inputs.Zip(Labels, (i, l) => $"{RequestJson.DescribeInputs([i])} → {l}"));

    public override int EstimateBodySize()
    {
        var size = 256 + ((Model.Length + (ClassifierId?.Length ?? 0)) * 6L) + RequestJson.EstimateSize(Inputs, [], bytesPerChar: 6);
        foreach (var label in Labels)
        {
            size += 16 + (label.Length * 6L);
        }

        return (int)Math.Min(size, Array.MaxLength);
    }

    public override void WriteBody(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, RequestJson.WriterOptions);
        writer.WriteStartObject();
        if (ClassifierId is null)
        {
            writer.WriteString("model", Model);
        }
        else
        {
            writer.WriteString("classifier_id", ClassifierId);
        }

        writer.WriteStartArray("input");
        for (var i = 0; i < Inputs.Length; i++)
        {
            writer.WriteStartObject();
            RequestJson.WriteInputField(writer, Inputs[i]);
            writer.WriteString("label", Labels[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        RequestJson.WriteOptional(writer, "num_iters", Iterations);
        if (ClassifierId is null)
        {
            RequestJson.WriteOptional(writer, "access", Access);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JinaInvalidResponseException($"The train response is a JSON {root.ValueKind}; expected an object.", status);
            }

            var id = root.TryGetProperty("classifier_id", out var idElement) && idElement.ValueKind == JsonValueKind.String && idElement.GetString() is { Length: > 0 } text
                ? SecretScrubber.Scrub(text, apiKey)!
                : throw new JinaInvalidResponseException("The train response has no 'classifier_id' string.", status);
            if (ClassifierId is not null && !string.Equals(id, ClassifierId, StringComparison.Ordinal))
            {
                throw new JinaInvalidResponseException($"The train response names classifier '{id}', but '{ClassifierId}' was updated.", status);
            }

            var samples = root.TryGetProperty("num_samples", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) && n >= 0 && n <= Inputs.Length
                ? n
                : throw new JinaInvalidResponseException(
                    $"The train response's 'num_samples' is {(count.ValueKind == JsonValueKind.Undefined ? "missing" : count.GetRawText())}; expected a whole number from 0 to the {Inputs.Length} example(s) sent.", status);
            long? tokens = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
                && usage.TryGetProperty("total_tokens", out var total) && total.ValueKind == JsonValueKind.Number && total.TryGetInt64(out var t) && t >= 0 ? t : null;
            var result = new TrainingResult(id, samples, tokens);
            return new ApiResult(result, Model, samples, tokens, tokens);
        }
        catch (JinaInvalidResponseException ex) when (ResponseJson.QuotesKey(ex, apiKey))
        {
            throw ResponseJson.Scrubbed(ex, apiKey);
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The train response is not valid JSON: {ex.Message}", status, ex);
        }
    }
}
