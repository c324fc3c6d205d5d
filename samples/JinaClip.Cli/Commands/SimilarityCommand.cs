using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary><c>similarity</c>: exactly two inputs to their cosine similarity.</summary>
internal static class SimilarityCommand
{
    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var command = new Command("similarity", "Print the cosine similarity of exactly two inputs (--text, --image).");
        options.AddEmbedding(command);
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var (inputs, embeddings) = await options.EmbedAsync(result, environment, stderr, count =>
            {
                if (count != 2)
                {
                    throw new ArgumentException($"similarity takes exactly two inputs (--text or --image); {count} {(count == 1 ? "was" : "were")} given.");
                }
            }, null, ct);
            var cosine = VectorMath.CosineSimilarity(embeddings[0], embeddings[1]);
            if (result.GetValue(options.Json))
            {
                var output = new SimilarityOutput(embeddings.Model, inputs[0].Label, inputs[1].Label, cosine, UsageOutput.From(embeddings.Usage));
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.SimilarityOutput));
                return 0;
            }

            await stdout.WriteLineAsync(cosine.ToString("0.0000", CultureInfo.InvariantCulture));
            return 0;
        }));
        return command;
    }
}
