using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary><c>embed</c>: inputs to vectors, as a table or as JSON.</summary>
internal static class EmbedCommand
{
    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var command = new Command("embed", "Embed texts and images (--text, --image, repeatable) and print the vectors.");
        options.AddEmbedding(command);
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var (inputs, embeddings) = await options.EmbedAsync(result, environment, stderr, count =>
            {
                if (count == 0)
                {
                    throw new ArgumentException("Give at least one input with --text \"...\" or --image PATH_OR_URL.");
                }
            }, ct);
            if (result.GetValue(options.Json))
            {
                var data = embeddings.Select(e => new EmbedItemOutput(
                    e.Index, inputs[e.Index].Input.IsImage ? "image" : "text", inputs[e.Index].Label, e.Dimensions, e.Vector.ToArray())).ToArray();
                var output = new EmbedOutput(embeddings.Model, UsageOutput.From(embeddings.Usage), data);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.EmbedOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"{"#",-3} {"kind",-6} {"dims",5}  {"first values",-36} input");
            foreach (var e in embeddings)
            {
                var preview = string.Join(", ", e.Vector.ToArray().Take(4).Select(v => v.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture)));
                var (input, label) = inputs[e.Index];
                await stdout.WriteLineAsync($"{e.Index,-3} {(input.IsImage ? "image" : "text"),-6} {e.Dimensions,5}  {preview,-36} {CliApp.Shorten(label, 60)}");
            }

            await stdout.WriteLineAsync($"model {embeddings.Model}; tokens used {CliApp.Describe(embeddings.Usage)}");
            return 0;
        }));
        return command;
    }
}
