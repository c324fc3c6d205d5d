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
        var command = new Command("embed", "Embed texts and images (--text, --image, repeatable) or a file of texts (--from-file) and print the vectors.");
        options.AddEmbedding(command);
        options.AddConnection(command);
        var fromFile = new Option<string?>("--from-file") { Description = "Embed a text file, one text per line (any number of lines; streamed, output in line order)." };
        var concurrency = new Option<int?>("--concurrency") { Description = "How many requests may run at once (default 4)." };
        var maxLine = new Option<int>("--max-line-length")
        {
            Description = "With --from-file: the longest line taken, in characters (default 1,048,576); a longer one is an error, so memory stays bounded.",
            DefaultValueFactory = _ => TextLines.DefaultMaxLength,
        };
        command.Options.Add(fromFile);
        command.Options.Add(maxLine);
        command.Options.Add(concurrency);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var parallel = result.GetValue(concurrency);
            if (parallel is < 1)
            {
                throw new ArgumentException($"--concurrency must be at least 1 (was {parallel}).");
            }

            Action<JinaClientOptions> configure = o => o.MaxConcurrency = parallel ?? o.MaxConcurrency;
            if (result.GetValue(fromFile) is { } path)
            {
                if (InputReader.Read(result, options).Count > 0)
                {
                    throw new ArgumentException("--from-file cannot be combined with --text or --image.");
                }

                var maxLength = result.GetValue(maxLine);
                if (maxLength < 1)
                {
                    throw new ArgumentException($"--max-line-length must be at least 1 (was {maxLength}).");
                }

                var lines = await FileEmbedding.CountLinesAsync(path, maxLength, ct);
                using var jina = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr, configure);
                var client = jina.GetEmbeddingsClient();
                var model = result.GetValue(options.Model) ?? JinaModels.ClipV1;
                var skipped = await FileEmbedding.RunAsync(client, path, lines, maxLength, options.EmbeddingOptions(result), result.GetValue(options.Json), model, stdout, stderr, ct);
                return skipped > 0 ? CliApp.SkippedExitCode : 0;
            }

            var (inputs, embeddings) = await options.EmbedAsync(result, environment, stderr, count =>
            {
                if (count == 0)
                {
                    throw new ArgumentException("Give at least one input with --text \"...\", --image PATH_OR_URL or --from-file PATH.");
                }
            }, configure, ct);
            if (result.GetValue(options.Json))
            {
                var data = embeddings.Select(e => new EmbedItemOutput(
                    e.Index, inputs[e.Index].Input.IsImage ? "image" : "text", inputs[e.Index].Label, e.Dimensions, e.GetVector().ToArray())).ToArray();
                var output = new EmbedOutput(embeddings.Model, UsageOutput.From(embeddings.Usage), data);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.EmbedOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"{"#",-3} {"kind",-6} {"dims",5}  {"first values",-36} input");
            foreach (var e in embeddings)
            {
                var preview = string.Join(", ", e.GetVector().ToArray().Take(4).Select(v => v.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture)));
                var (input, label) = inputs[e.Index];
                await stdout.WriteLineAsync($"{e.Index,-3} {(input.IsImage ? "image" : "text"),-6} {e.Dimensions,5}  {preview,-36} {CliApp.Shorten(label, 60)}");
            }

            await stdout.WriteLineAsync($"model {embeddings.Model}; tokens used {CliApp.Describe(embeddings.Usage)}");
            return 0;
        }));
        return command;
    }
}
