using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Reads a classify success body with <see cref="Utf8JsonReader"/> and checks it: one classification per input sent,
/// each index once; every score finite and from 0 to 1; the prediction one of the labels; the scores covering every
/// label sent, each once (per group, for label groups). A few-shot answer, whose labels the caller did not send, is held
/// to the same rules against its own list. Anything else is a <see cref="JinaInvalidResponseException"/> that names it.
/// </summary>
internal static class ClassificationReader
{
    /// <summary>How far past 1 a score may be (a float's rounding of a softmax) before it is an error; it is then read as 1.</summary>
    private const double ScoreSlack = 1e-5;

    public static ClassificationPart Read(ReadOnlySpan<byte> body, ClassifyCall call, HttpStatusCode status, string apiKey)
    {
        try
        {
            return ReadCore(body, call, status, apiKey);
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The classify response is not valid JSON: {ex.Message}", status, ex);
        }
        catch (JinaInvalidResponseException ex) when (ResponseJson.QuotesKey(ex, apiKey))
        {
            // Messages quote the server's labels and group names: an echo of the key in them is masked.
            throw ResponseJson.Scrubbed(ex, apiKey);
        }
    }

    private static ClassificationPart ReadCore(ReadOnlySpan<byte> body, ClassifyCall call, HttpStatusCode status, string apiKey)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JinaInvalidResponseException("Expected the classify response to be a JSON object.", status);
        }

        var layout = call.ClassifierId is null ? new LabelLayout(call.Labels, call.Groups) : null;
        string? model = null;
        long? tokens = null;
        ClassifiedInput?[]? items = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                model = ResponseJson.ReadModel(ref reader, "classify", status);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                tokens = ReadUsage(ref reader, status);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                items = ReadData(ref reader, call, layout, status, apiKey);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JinaInvalidResponseException($"The classify response has an unexpected {reader.TokenType} where a property name belongs.", status);
        }

        if (items is null)
        {
            throw new JinaInvalidResponseException("The classify response has no 'data' array.", status);
        }

        var missing = Array.FindIndex(items, i => i is null);
        if (missing >= 0)
        {
            throw new JinaInvalidResponseException(
                $"The classify response has {items.Count(i => i is not null)} classification(s) for {items.Length} input(s): index {missing} is missing.", status);
        }

        return new ClassificationPart(items!, SecretScrubber.Scrub(model, apiKey) ?? call.ClassifierId ?? call.Model, tokens);
    }

    private static long? ReadUsage(ref Utf8JsonReader reader, HttpStatusCode status)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResponseJson.WrongType("classify", "'usage'", reader.TokenType, "an object", status);
        }

        long? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("total_tokens"u8))
            {
                total = ResponseJson.ReadTokens(ref reader, "total_tokens", "classify", status) ?? total;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return total;
    }

    private static ClassifiedInput?[] ReadData(ref Utf8JsonReader reader, ClassifyCall call, LabelLayout? layout, HttpStatusCode status, string apiKey)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ResponseJson.WrongType("classify", "'data'", reader.TokenType, "an array", status);
        }

        var items = new ClassifiedInput?[call.Inputs.Length];
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw ResponseJson.WrongType("classify", $"classification {position}", reader.TokenType, "an object", status);
            }

            var (local, predictions) = layout is null ? ReadFewShot(ref reader, position, status, apiKey) : ReadZeroShot(ref reader, layout, position, status);
            if ((uint)local >= (uint)items.Length)
            {
                throw new JinaInvalidResponseException(
                    $"The classify response's classification {position} has index {local}, outside the {items.Length} input(s) sent.", status);
            }

            if (items[local] is not null)
            {
                throw new JinaInvalidResponseException($"The classify response has index {local} twice.", status);
            }

            items[local] = new ClassifiedInput(call.Start + local, predictions);
            position++;
        }

        return items;
    }

    private static (int Index, LabelPrediction[] Predictions) ReadZeroShot(ref Utf8JsonReader reader, LabelLayout layout, int position, HttpStatusCode status)
    {
        var groups = layout.Names.Length;
        var scores = new float[layout.Flat.Length];
        var seen = new bool[layout.Flat.Length];
        var seenCount = new int[groups];
        var predicted = new string?[groups];
        var predictedScore = new float?[groups];
        int? index = null;
        var what = $"classification {position}";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                index = ReadIndex(ref reader, what, status);
            }
            else if (reader.ValueTextEquals("prediction"u8))
            {
                reader.Read();
                ForEachGroup(ref reader, layout, what, "prediction", status, (ref Utf8JsonReader r, int g) =>
                {
                    if (r.TokenType != JsonTokenType.String)
                    {
                        throw ResponseJson.WrongType("classify", $"{what}'s prediction{GroupText(layout, g)}", r.TokenType, "a label (string)", status);
                    }

                    var at = layout.FindLabel(ref r, g, -1);
                    predicted[g] = at >= 0 ? layout.Flat[layout.Offsets[g] + at]
                        : throw new JinaInvalidResponseException(
                            $"The classify response's {what} predicts '{r.GetString()}'{GroupText(layout, g)}, which is not one of the labels sent.", status);
                });
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                ForEachGroup(ref reader, layout, what, "score", status, (ref Utf8JsonReader r, int g) =>
                    predictedScore[g] = ReadScore(ref r, $"{what}'s score{GroupText(layout, g)}", status));
            }
            else if (reader.ValueTextEquals("predictions"u8))
            {
                reader.Read();
                ForEachGroup(ref reader, layout, what, "predictions", status, (ref Utf8JsonReader r, int g) =>
                    ReadScores(ref r, layout, g, scores, seen, seenCount, what, status));
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var at = index ?? throw new JinaInvalidResponseException($"The classify response's {what} has no 'index'.", status);
        var predictions = new LabelPrediction[groups];
        for (var g = 0; g < groups; g++)
        {
            var label = predicted[g] ?? throw new JinaInvalidResponseException($"The classify response's {what} (index {at}) has no prediction{GroupText(layout, g)}.", status);
            var score = predictedScore[g] ?? throw new JinaInvalidResponseException($"The classify response's {what} (index {at}) has no score{GroupText(layout, g)}.", status);
            if (seenCount[g] != layout.Counts[g])
            {
                var absent = Enumerable.Range(layout.Offsets[g], layout.Counts[g]).First(i => !seen[i]);
                throw new JinaInvalidResponseException(
                    $"The classify response's {what} (index {at}) scores {seenCount[g]} of the {layout.Counts[g]} labels{GroupText(layout, g)}: '{layout.Flat[absent]}' has no score.", status);
            }

            predictions[g] = new LabelPrediction(layout.Names[g], label, score, layout.Flat, scores, layout.Offsets[g], layout.Counts[g]);
        }

        return (at, predictions);
    }

    private static void ReadScores(
        ref Utf8JsonReader reader, LabelLayout layout, int group, float[] scores, bool[] seen, int[] seenCount, string what, HttpStatusCode status)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ResponseJson.WrongType("classify", $"{what}'s predictions{GroupText(layout, group)}", reader.TokenType, "an array", status);
        }

        var guess = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var (label, score) = ReadLabelScore(ref reader, layout, group, guess, what, status);
            var flat = layout.Offsets[group] + label;
            if (seen[flat])
            {
                throw new JinaInvalidResponseException(
                    $"The classify response's {what} scores '{layout.Flat[flat]}'{GroupText(layout, group)} twice.", status);
            }

            seen[flat] = true;
            seenCount[group]++;
            scores[flat] = score;
            guess = label + 1;
        }
    }

    private static (int Label, float Score) ReadLabelScore(ref Utf8JsonReader reader, LabelLayout layout, int group, int guess, string what, HttpStatusCode status)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResponseJson.WrongType("classify", $"{what}'s label score", reader.TokenType, "an object", status);
        }

        var label = -2;
        float? score = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("label"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw ResponseJson.WrongType("classify", $"{what}'s label", reader.TokenType, "a string", status);
                }

                label = layout.FindLabel(ref reader, group, guess);
                if (label < 0)
                {
                    throw new JinaInvalidResponseException(
                        $"The classify response's {what} scores '{reader.GetString()}'{GroupText(layout, group)}, which is not one of the labels sent.", status);
                }
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                score = ReadScore(ref reader, $"{what}'s label score", status);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (label < 0 || score is null)
        {
            throw new JinaInvalidResponseException($"The classify response's {what} has a label score without {(label < 0 ? "'label'" : "'score'")}.", status);
        }

        return (label, score.Value);
    }

    private static (int Index, LabelPrediction[] Predictions) ReadFewShot(ref Utf8JsonReader reader, int position, HttpStatusCode status, string apiKey)
    {
        int? index = null;
        string? predicted = null;
        float? predictedScore = null;
        List<string>? labels = null;
        List<float>? scores = null;
        var what = $"classification {position}";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                index = ReadIndex(ref reader, what, status);
            }
            else if (reader.ValueTextEquals("prediction"u8))
            {
                reader.Read();
                predicted = reader.TokenType == JsonTokenType.String
                    ? SecretScrubber.Scrub(reader.GetString(), apiKey)
                    : throw ResponseJson.WrongType("classify", $"{what}'s prediction", reader.TokenType, "a label (string)", status);
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                predictedScore = ReadScore(ref reader, $"{what}'s score", status);
            }
            else if (reader.ValueTextEquals("predictions"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw ResponseJson.WrongType("classify", $"{what}'s predictions", reader.TokenType, "an array", status);
                }

                labels = [];
                scores = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var (label, score) = ReadFewShotScore(ref reader, what, status);
                    label = SecretScrubber.Scrub(label, apiKey)!; // the classifier's labels come from the server, and end up in your logs
                    if (labels.Contains(label, StringComparer.Ordinal))
                    {
                        throw new JinaInvalidResponseException($"The classify response's {what} scores '{label}' twice.", status);
                    }

                    labels.Add(label);
                    scores.Add(score);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var at = index ?? throw new JinaInvalidResponseException($"The classify response's {what} has no 'index'.", status);
        var name = predicted ?? throw new JinaInvalidResponseException($"The classify response's {what} (index {at}) has no prediction.", status);
        var best = predictedScore ?? throw new JinaInvalidResponseException($"The classify response's {what} (index {at}) has no score.", status);
        if (labels is null || labels.Count == 0)
        {
            throw new JinaInvalidResponseException($"The classify response's {what} (index {at}) has no label scores ('predictions').", status);
        }

        if (!labels.Contains(name, StringComparer.Ordinal))
        {
            throw new JinaInvalidResponseException(
                $"The classify response's {what} (index {at}) predicts '{name}', which is not among the labels it scores ({string.Join(", ", labels)}).", status);
        }

        return (at, [new LabelPrediction(null, name, best, [.. labels], [.. scores!], 0, labels.Count)]);
    }

    private static (string Label, float Score) ReadFewShotScore(ref Utf8JsonReader reader, string what, HttpStatusCode status)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResponseJson.WrongType("classify", $"{what}'s label score", reader.TokenType, "an object", status);
        }

        string? label = null;
        float? score = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("label"u8))
            {
                reader.Read();
                label = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw ResponseJson.WrongType("classify", $"{what}'s label", reader.TokenType, "a string", status);
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                score = ReadScore(ref reader, $"{what}'s label score", status);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return label is null || score is null
            ? throw new JinaInvalidResponseException($"The classify response's {what} has a label score without {(label is null ? "'label'" : "'score'")}.", status)
            : (label, score.Value);
    }

    private delegate void GroupReader(ref Utf8JsonReader reader, int group);

    /// <summary>
    /// Reads a value that is one value for plain labels, or an object keyed by group name for label groups, handing each
    /// group's value to <paramref name="read"/>; every group must appear once and no other.
    /// </summary>
    private static void ForEachGroup(ref Utf8JsonReader reader, LabelLayout layout, string what, string field, HttpStatusCode status, GroupReader read)
    {
        if (!layout.Grouped)
        {
            if (reader.TokenType == JsonTokenType.StartObject && field != "predictions")
            {
                throw ResponseJson.WrongType("classify", $"{what}'s {field}", reader.TokenType, "a single value (plain labels were sent)", status);
            }

            read(ref reader, 0);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResponseJson.WrongType("classify", $"{what}'s {field}", reader.TokenType, "an object keyed by label group", status);
        }

        var done = new bool[layout.Names.Length];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var group = layout.FindGroup(ref reader);
            if (group < 0 || done[group])
            {
                throw new JinaInvalidResponseException(
                    $"The classify response's {what}'s {field} has {(group < 0 ? "a group that was not sent" : "a group twice")}: '{reader.GetString()}'.", status);
            }

            done[group] = true;
            reader.Read();
            read(ref reader, group);
        }

        var absent = Array.IndexOf(done, false);
        if (absent >= 0)
        {
            throw new JinaInvalidResponseException($"The classify response's {what}'s {field} has no value for group '{layout.Names[absent]}'.", status);
        }
    }

    private static int ReadIndex(ref Utf8JsonReader reader, string what, HttpStatusCode status)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var index) || index < 0)
        {
            throw new JinaInvalidResponseException($"The classify response's {what} has index {ResponseJson.Text(ref reader)}; expected a whole number of 0 or more.", status);
        }

        return index;
    }

    private static float ReadScore(ref Utf8JsonReader reader, string what, HttpStatusCode status)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw ResponseJson.WrongType("classify", what, reader.TokenType, "a number", status);
        }

        var value = reader.GetDouble();
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0 || value > 1 + ScoreSlack)
        {
            throw new JinaInvalidResponseException($"The classify response's {what} is {ResponseJson.Text(ref reader)}; expected a score from 0 to 1.", status);
        }

        return (float)Math.Min(value, 1);
    }

    private static string GroupText(LabelLayout layout, int group) => layout.Names[group] is { } name ? $" in group '{name}'" : string.Empty;
}
