using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary>
/// <c>estimate</c>: the tokens (and optionally the price) a request would cost, computed locally: image sizes from their
/// header bytes, texts by the word rule. Nothing is sent to the API.
/// </summary>
internal static class EstimateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var items = new Argument<string[]>("ITEM") { Description = "Image files or http(s) URLs.", Arity = ArgumentArity.ZeroOrMore };
        var texts = new Option<string[]>("--text") { Description = "A text to estimate (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var model = new Option<string?>("--model") { Description = "The model whose rules apply (default jina-clip-v1)." };
        var price = new Option<decimal?>("--price") { Description = "Price per million tokens, to print the cost (e.g. 0.05)." };
        var json = new Option<bool>("--json") { Description = "Write the estimate as JSON on stdout." };
        var vocab = new Option<string?>("--vocab") { Description = "The model's BERT vocab.txt, for exact WordPiece text counts (default: 1.1 tokens a word)." };
        var allowPrivate = new Option<bool>("--allow-private-urls")
        {
            Description = "Read image URLs on loopback, private and link-local addresses too (refused by default).",
        };
        var command = new Command("estimate", "Estimate the tokens images and texts would cost, locally, from image header bytes.");
        command.Arguments.Add(items);
        foreach (var option in new Option[] { texts, model, price, json, vocab, allowPrivate })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var images = result.GetValue(items) ?? [];
            var textValues = result.GetValue(texts) ?? [];
            if (images.Length + textValues.Length == 0)
            {
                throw new ArgumentException("Give at least one image path or URL, or --text \"...\".");
            }

            if (result.GetValue(price) is < 0)
            {
                throw new ArgumentException("--price cannot be negative.");
            }

            var modelName = result.GetValue(model) ?? JinaModels.ClipV1;
            var estimatorOptions = new TokenEstimatorOptions();
            if (result.GetValue(vocab) is { } vocabPath)
            {
                if (!File.Exists(vocabPath))
                {
                    throw new FileNotFoundException($"--vocab '{vocabPath}' does not exist.", vocabPath);
                }

                try
                {
                    estimatorOptions.TextTokenCounter = (await WordPieceTokenCounter.LoadAsync(vocabPath, cancellationToken: ct)).Count;
                }
                catch (InvalidDataException ex)
                {
                    throw new ArgumentException($"--vocab '{vocabPath}': {ex.Message}", ex);
                }
            }

            var estimator = new TokenEstimator(estimatorOptions);
            var rows = new List<EstimateItemOutput>();
            var fetch = new ImageUrlFetchOptions { AllowNonPublicAddresses = result.GetValue(allowPrivate) };
            foreach (var item in images)
            {
                var size = await MeasureAsync(item, fetch, ct);
                var (tiles, tokens) = estimator.EstimateImage(size, modelName);
                rows.Add(new EstimateItemOutput("image", item, size.Format.ToString().ToUpperInvariant(), size.Width, size.Height, tiles, tokens));
            }

            foreach (var text in textValues)
            {
                rows.Add(new EstimateItemOutput("text", text, null, null, null, null, estimator.EstimateText(text)));
            }

            var total = rows.Sum(r => r.Tokens);
            var cost = result.GetValue(price) is { } p ? total * p / 1_000_000m : (decimal?)null;
            if (result.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new EstimateOutput(modelName, [.. rows], total, cost), CliJsonContext.Default.EstimateOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"{"kind",-6} {"format",-6} {"width",6} {"height",6} {"tiles",6} {"tokens",10}  input");
            foreach (var r in rows)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Kind,-6} {r.Format ?? "-",-6} {Show(r.Width),6} {Show(r.Height),6} {Show(r.Tiles),6} {r.Tokens,10:N0}  {CliApp.Shorten(r.Input, 60)}"));
            }

            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"total {total:N0} tokens on {modelName} (an estimate){(cost is { } c ? $"; cost {c:0.######} at {result.GetValue(price)} per million" : string.Empty)}"));
            return 0;
        }));
        return command;
    }

    private static string Show(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static async Task<ImageSize> MeasureAsync(string item, ImageUrlFetchOptions fetch, CancellationToken ct)
    {
        try
        {
            if (item.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || item.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                return await ImageHeaderReader.ReadUrlAsync(new Uri(item), fetch, ct);
            }

            if (!File.Exists(item))
            {
                throw new FileNotFoundException($"'{item}' is neither an existing file nor an http(s) URL.", item);
            }

            return await ImageHeaderReader.ReadFileAsync(item, ct);
        }
        catch (JinaImageHeaderException ex)
        {
            throw new ArgumentException($"{item}: {ex.Message}", ex);
        }
        catch (JinaUrlRefusedException ex) when (!fetch.AllowNonPublicAddresses)
        {
            throw new ArgumentException($"{ex.Message} Here: give --allow-private-urls to read it.", ex);
        }
    }
}
