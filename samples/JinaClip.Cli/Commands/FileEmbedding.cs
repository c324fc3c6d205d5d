using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary>
/// <c>embed --from-file</c>: one text per line, any number of lines, streamed through the client so memory stays
/// bounded; the output (table or JSON) comes out in line order as batches complete.
/// </summary>
internal static class FileEmbedding
{
    /// <summary>At or above this many lines a progress bar is drawn on stderr.</summary>
    public const int ProgressThreshold = 100;

    /// <summary>Counts the lines in a first pass, for the progress bar. A final newline does not make a line.</summary>
    public static async Task<int> CountLinesAsync(string path, int maxLength, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var line in TextLines.ReadAsync(path, "--from-file", maxLength, cancellationToken))
        {
            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException($"--from-file '{path}' has no lines to embed.");
        }

        return count;
    }

    /// <summary>
    /// Embeds the file's lines with <see cref="EmbeddingOptions.SkipBadInputs"/>: a blank line (the API refuses empty
    /// text) is skipped and listed on stderr, and every other line is embedded and written in line order.
    /// </summary>
    /// <returns>How many lines were skipped.</returns>
    public static async Task<int> RunAsync(
        JinaEmbeddingClient client, string path, int lines, int maxLength, EmbeddingOptions options, bool json, string model, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        options = options.Clone();
        options.SkipBadInputs = true;
        var bar = lines >= ProgressThreshold ? new ProgressBar(stderr, lines) : null;
        var last = JinaClipModelFactory.EmbeddingProgress();
        var progress = new Relay(p =>
        {
            last = p;
            bar?.Report(p);
        });

        var texts = new Dictionary<int, string>(); // only the lines read but not yet written
        var blank = new HashSet<int>();
        await stdout.WriteAsync(json ? $"{{\n  \"model\": {JsonSerializer.Serialize(model, CliCompactJsonContext.Default.String)},\n  \"data\": [" : Header());
        var first = true;
        try
        {
            await foreach (var e in client.EmbedStreamAsync(Texts(path, maxLength, texts, blank, cancellationToken), options, progress, cancellationToken))
            {
                texts.Remove(e.Index, out var text);
                text ??= string.Empty;
                if (json)
                {
                    var item = new EmbedItemOutput(e.Index, "text", text, e.Dimensions, e.GetVector().ToArray());
                    await stdout.WriteAsync((first ? "\n    " : ",\n    ") + JsonSerializer.Serialize(item, CliCompactJsonContext.Default.EmbedItemOutput));
                    first = false;
                }
                else
                {
                    await stdout.WriteLineAsync(Row(e, text));
                }
            }
        }
        finally
        {
            bar?.Finish();
        }

        foreach (var failure in last.Failures.OrderBy(f => f.Index))
        {
            await stderr.WriteLineAsync($"skipped line {failure.Index + 1}: {(blank.Contains(failure.Index) ? "it is blank" : CliApp.ForUsers(failure.Reason))}");
        }

        var skipped = last.Failures.Count == 0 ? string.Empty : $"{lines - last.Failures.Count} embedded, {last.Failures.Count} skipped (listed on stderr); ";
        if (json)
        {
            var usage = JsonSerializer.Serialize(new UsageOutput((int)last.TokensUsed, null, null), CliCompactJsonContext.Default.UsageOutput);
            await stdout.WriteLineAsync($"\n  ],\n  \"usage\": {usage}\n}}");
        }
        else
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"model {model}; {lines} lines; {skipped}tokens used {last.TokensUsed}; retries {last.Retries}"));
        }

        return last.Failures.Count;
    }

    private static string Header() => $"{"#",-6} {"dims",5}  {"first values",-36} text\n";

    private static string Row(JinaEmbedding e, string text)
    {
        var preview = string.Join(", ", e.GetVector().ToArray().Take(4).Select(v => v.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture)));
        return $"{e.Index,-6} {e.Dimensions,5}  {preview,-36} {CliApp.Shorten(text, 60)}";
    }

    private static async IAsyncEnumerable<EmbeddingInput> Texts(
        string path, int maxLength, Dictionary<int, string> texts, HashSet<int> blank, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var line in TextLines.ReadAsync(path, "--from-file", maxLength, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                // No text input can be made of a blank line: a null input keeps its position, and the client skips and reports it.
                blank.Add(index++);
                yield return null!;
                continue;
            }

            texts.Add(index++, line);
            yield return EmbeddingInput.FromText(line);
        }
    }

    private sealed class Relay(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
