using System.Globalization;
using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>Writes the API's classification answers: classify, train and the classifier list.</summary>
internal static class ClassificationWriter
{
    /// <summary>One input's scores: per group (one unnamed group for plain labels), the labels and their scores.</summary>
    public sealed record Scored(IReadOnlyList<(string? Group, IReadOnlyList<string> Labels, float[] Scores)> Groups);

    public static byte[] Classify(IReadOnlyList<Scored> items, IReadOnlyList<int> order, int tokens, bool grouped)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var i in order)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", i);
                writer.WriteString("object", "classification");
                var groups = items[i].Groups;
                if (grouped)
                {
                    writer.WriteStartObject("prediction");
                    foreach (var g in groups)
                    {
                        writer.WriteString(g.Group!, g.Labels[Best(g.Scores)]);
                    }

                    writer.WriteEndObject();
                    writer.WriteStartObject("score");
                    foreach (var g in groups)
                    {
                        writer.WriteNumber(g.Group!, g.Scores[Best(g.Scores)]);
                    }

                    writer.WriteEndObject();
                    writer.WriteStartObject("predictions");
                    foreach (var g in groups)
                    {
                        writer.WritePropertyName(g.Group!);
                        WritePredictions(writer, g.Labels, g.Scores);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    var g = groups[0];
                    writer.WriteString("prediction", g.Labels[Best(g.Scores)]);
                    writer.WriteNumber("score", g.Scores[Best(g.Scores)]);
                    writer.WritePropertyName("predictions");
                    WritePredictions(writer, g.Labels, g.Scores);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteUsage(writer, tokens);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Trained(string id, int samples, int tokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("classifier_id", id);
            writer.WriteNumber("num_samples", samples);
            WriteUsage(writer, tokens);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] List(IEnumerable<StoredClassifier> classifiers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var c in classifiers)
            {
                writer.WriteStartObject();
                writer.WriteString("classifier_id", c.Id);
                writer.WriteString("user_id", ClassifierStore.UserId);
                writer.WriteString("model", c.Model);
                writer.WriteStartArray("labels");
                foreach (var (label, _) in c.Centroids)
                {
                    writer.WriteStringValue(label);
                }

                writer.WriteEndArray();
                writer.WriteString("access", c.Access);
                writer.WriteBoolean("is_active", true);
                writer.WriteBoolean("is_latest", true);
                writer.WriteNumber("updated_number", c.UpdateCount);
                writer.WriteNumber("used_number", c.UseCount);
                writer.WriteString("created_at", c.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("updated_at", c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
                if (c.UsedAt is { } used)
                {
                    writer.WriteString("used_at", used.ToString("O", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNull("used_at");
                }

                writer.WriteStartObject("metadata_");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    public static byte[] Deleted(string id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("message", $"Classifier {id} deleted");
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WritePredictions(Utf8JsonWriter writer, IReadOnlyList<string> labels, float[] scores)
    {
        // Best first, as a ranked list.
        writer.WriteStartArray();
        foreach (var i in Enumerable.Range(0, labels.Count).OrderByDescending(i => scores[i]).ThenBy(i => i))
        {
            writer.WriteStartObject();
            writer.WriteString("label", labels[i]);
            writer.WriteNumber("score", scores[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteUsage(Utf8JsonWriter writer, int tokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("total_tokens", tokens);
        writer.WriteEndObject();
    }

    private static int Best(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }
}
