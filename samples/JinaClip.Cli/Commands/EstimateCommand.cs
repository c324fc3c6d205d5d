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
    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var connection = new CommonOptions();
        var items = new Argument<string[]>("ITEM") { Description = "Image files or http(s) URLs.", Arity = ArgumentArity.ZeroOrMore };
        var texts = new Option<string[]>("--text") { Description = "A text to estimate (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var model = new Option<string?>("--model") { Description = "The model whose rules apply (default jina-clip-v1)." };
        var price = new Option<decimal?>("--price") { Description = "Price per million tokens, to print the cost (e.g. 0.05)." };
        var livePrice = new Option<bool>("--live-price")
        {
            Description = "Print the cost at the model's price from the model catalogue (GET /v1/models; offline: the emulator's fixture). Sends no inputs.",
        };
        var json = new Option<bool>("--json") { Description = "Write the estimate as JSON on stdout." };
        var vocab = new Option<string?>("--vocab") { Description = "The model's BERT vocab.txt, for exact WordPiece text counts (default: 1.1 tokens a word)." };
        var allowPrivate = new Option<bool>("--allow-private-urls")
        {
            Description = "Read image URLs on loopback, private and link-local addresses too (refused by default).",
        };
        var command = new Command("estimate", "Estimate the tokens images and texts would cost, locally, from image header bytes.");
        command.Arguments.Add(items);
        foreach (var option in new Option[] { texts, model, price, livePrice, json, vocab, allowPrivate, connection.Downscale, connection.BaseUrl, connection.ApiKey })
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

            if (result.GetValue(price) is not null && result.GetValue(livePrice))
            {
                throw new ArgumentException("Give --price or --live-price, not both.");
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
            var downscale = result.GetValue(connection.Downscale);
            var preprocessor = CommonOptions.Preprocessor(downscale);
            var rows = new List<EstimateItemOutput>();
            var fetch = new ImageUrlFetchOptions { AllowNonPublicAddresses = result.GetValue(allowPrivate) };
            foreach (var item in images)
            {
                var size = await MeasureAsync(item, fetch, ct);
                var (tiles, tokens) = estimator.EstimateImage(size, modelName);
                var isUrl = item.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || item.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                var plan = preprocessor is null ? null : isUrl ? ImagePlan.Unchanged("not downscaled: the server fetches image URLs") : preprocessor.Plan(size, modelName);
                var sent = plan?.SentSize ?? size;
                var (sentTiles, sentTokens) = estimator.EstimateImage(sent, modelName);
                rows.Add(new EstimateItemOutput("image", item, size.Format.ToString().ToUpperInvariant(), size.Width, size.Height, tiles, tokens,
                    sent.Width, sent.Height, sentTiles, sentTokens, plan?.Note));
            }

            foreach (var text in textValues)
            {
                var tokens = estimator.EstimateText(text);
                rows.Add(new EstimateItemOutput("text", text, null, null, null, null, tokens, null, null, null, tokens, null));
            }

            var total = rows.Sum(r => r.SentTokens);
            var original = rows.Sum(r => r.Tokens);
            var (perMillion, source) = result.GetValue(livePrice)
                ? await LivePriceAsync(modelName, result.GetValue(connection.ApiKey), result.GetValue(connection.BaseUrl), environment, stderr, ct)
                : (result.GetValue(price), result.GetValue(price) is null ? null : "--price");
            var cost = perMillion is { } p ? total * p / 1_000_000m : (decimal?)null;
            if (result.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(
                    new EstimateOutput(modelName, [.. rows], total, original, downscale ?? "auto", cost, perMillion, source), CliJsonContext.Default.EstimateOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"{"kind",-6} {"format",-6} {"width",6} {"height",6} {"tiles",6} {"tokens",10}  {"sent",-11} {"tiles",5} {"tokens",10}  input");
            foreach (var r in rows)
            {
                var sent = r.Kind == "image" ? $"{r.SentWidth}×{r.SentHeight}" : "-";
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Kind,-6} {r.Format ?? "-",-6} {Show(r.Width),6} {Show(r.Height),6} {Show(r.Tiles),6} {r.Tokens,10:N0}  {sent,-11} {Show(r.SentTiles),5} {r.SentTokens,10:N0}  {CliApp.Shorten(r.Input, 60)}{(r.Note is null ? string.Empty : $" ({r.Note})")}"));
            }

            var saving = original == total ? string.Empty : $"; {original:N0} as given, {original - total:N0} saved with --downscale {downscale ?? "auto"}";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"total {total:N0} tokens sent on {modelName} (an estimate){saving}{(cost is { } c ? $"; cost {c:0.######} at {perMillion:0.######} per million (price from {source})" : string.Empty)}"));
            return 0;
        }));
        return command;
    }

    private static async Task<(decimal? PerMillion, string Source)> LivePriceAsync(
        string model, string? apiKey, string? baseUrl, CliEnvironment environment, TextWriter stderr, CancellationToken ct)
    {
        using var client = ClientFactory.Create(apiKey, baseUrl, environment, stderr);
        using var catalogue = client.GetModelsClient();
        var info = await catalogue.GetModelAsync(model, ct);
        var source = ClientFactory.IsOffline(apiKey, environment) ? "the local emulator's fixture catalogue" : $"the model catalogue at {catalogue.ModelsUri}";
        return info?.PricePerMillionTokens is { } perMillion
            ? (perMillion, source)
            : throw new ArgumentException($"--live-price: {source} has {(info is null ? "no model" : "no price for")} '{model}'; give --price instead.");
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
