using System.Globalization;
using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary><c>GET /v1/classifiers</c>: the key's few-shot classifiers, read as <see cref="ClassifierInfo"/>s.</summary>
internal sealed class ClassifierListCall : ApiCall
{
    private const long Cap = 16L * 1024 * 1024;

    public override string Operation => "classifiers";

    public override string Path => "v1/classifiers";

    public override HttpMethod Method => HttpMethod.Get;

    public override int Items => 0;

    public override long ResponseCap => Cap;

    public override string DescribeCap() => "the list of classifiers";

    public override string DescribeItems() => "all classifiers";

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JinaInvalidResponseException($"The classifiers response is a JSON {document.RootElement.ValueKind}; expected an array.", status);
            }

            var list = new List<ClassifierInfo>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                list.Add(ReadOne(item, list.Count, status, apiKey));
            }

            return new ApiResult(list, string.Empty, list.Count, null, null);
        }
        catch (JinaInvalidResponseException ex) when (ResponseJson.QuotesKey(ex, apiKey))
        {
            throw ResponseJson.Scrubbed(ex, apiKey);
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The classifiers response is not valid JSON: {ex.Message}", status, ex);
        }
    }

    private static ClassifierInfo ReadOne(JsonElement item, int position, HttpStatusCode status, string apiKey)
    {
        var what = $"classifier {position}";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new JinaInvalidResponseException($"The classifiers response's {what} is a JSON {item.ValueKind}; expected an object.", status);
        }

        string Text(string name) => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? SecretScrubber.Scrub(value.GetString(), apiKey)!
            : throw new JinaInvalidResponseException($"The classifiers response's {what} has no '{name}' string.", status);
        int Count(string name) => !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? 0
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n
            : throw new JinaInvalidResponseException($"The classifiers response's {what} has '{name}' = {value.GetRawText()}; expected a whole number.", status);
        bool Flag(string name) => !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null || (value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new JinaInvalidResponseException($"The classifiers response's {what} has '{name}' = {value.GetRawText()}; expected true or false.", status));
        DateTimeOffset? Time(string name, bool required)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? throw new JinaInvalidResponseException($"The classifiers response's {what} has no '{name}'.", status) : null;
            }

            return value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw new JinaInvalidResponseException($"The classifiers response's {what} has '{name}' = {value.GetRawText()}; expected a date and time.", status);
        }

        var labels = item.TryGetProperty("labels", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? SecretScrubber.Scrub(l.GetString(), apiKey)!
                : throw new JinaInvalidResponseException($"The classifiers response's {what} has a label that is a JSON {l.ValueKind}.", status)).ToArray()
            : throw new JinaInvalidResponseException($"The classifiers response's {what} has no 'labels' array.", status);
        return new ClassifierInfo(
            Text("classifier_id"), Text("model"), labels, Text("access"), Flag("is_active"), Flag("is_latest"),
            Count("updated_number"), Count("used_number"), Time("created_at", true)!.Value, Time("updated_at", true)!.Value, Time("used_at", false));
    }
}
