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

            if (images.Length > 0 && !estimatorOptions.ImageRules.ContainsKey(modelName))
            {
                throw new ArgumentException(
                    $"{modelName} takes no images (it embeds texts only); estimate images with an image model: --model {string.Join(", ", estimatorOptions.ImageRules.Keys.Order(StringComparer.Ordinal))}.");
            }

            var estimator = new TokenEstimator(estimatorOptions);
            var downscale = result.GetValue(connection.Downscale);
            var preprocessor = CommonOptions.Preprocessor(downscale);
            var rows = new List<EstimateItemOutput>();
            var fetch = new ImageUrlFetchOptions { AllowNonPublicAddresses = result.GetValue(allowPrivate) };
            var failures = new List<(string Item, string Error)>();
            foreach (var item in images)
            {
                ImageSize size;
                try
                {
                    size = await MeasureAsync(item, fetch, ct);
                }
                catch (Exception ex) when (images.Length + textValues.Length > 1 && ex is ArgumentException or FileNotFoundException or HttpRequestException or TimeoutException)
                {
                    // One item that cannot be measured does not stop the others: it gets its own row, and the exit code says so.
                    var error = WithoutItem(ex.Message.ReplaceLineEndings(" "), item);
                    failures.Add((item, error));
                    rows.Add(new EstimateItemOutput("image", item, null, null, null, null, 0, null, null, null, 0, null, error));
                    continue;
                }

                var (tiles, tokens) = estimator.EstimateImage(size, modelName);
                var isUrl = item.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || item.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                var plan = preprocessor is null ? null : isUrl ? ImagePlan.Unchanged("not downscaled: the server fetches image URLs") : preprocessor.Plan(size, modelName);
                if (plan?.Refusal is { } refusal)
                {
                    // What embedding would do: the preprocessor refuses it, so it is never sent and costs nothing.
                    failures.Add((item, $"would be refused: {refusal}"));
                    rows.Add(new EstimateItemOutput("image", item, size.Format.ToString().ToUpperInvariant(), size.Width, size.Height, tiles, 0,
                        null, null, null, 0, null, $"would be refused: {refusal}"));
                    continue;
                }

                var sent = plan?.SentSize ?? size;
                var (sentTiles, sentTokens) = estimator.EstimateImage(sent, modelName);
                rows.Add(new EstimateItemOutput("image", item, size.Format.ToString().ToUpperInvariant(), size.Width, size.Height, tiles, tokens,
                    sent.Width, sent.Height, sentTiles, sentTokens, plan?.Note, null));
            }

            foreach (var text in textValues)
            {
                var tokens = estimator.EstimateText(text);
                rows.Add(new EstimateItemOutput("text", text, null, null, null, null, tokens, null, null, null, tokens, null, null));
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
                return await ReportFailuresAsync(failures, stderr);
            }

            await stdout.WriteLineAsync($"{"kind",-6} {"format",-6} {"width",6} {"height",6} {"tiles",7} {"tokens",12}  {"sent",-11} {"tiles",6} {"tokens",12}  input");
            foreach (var r in rows)
            {
                var sent = r.Kind == "image" ? $"{r.SentWidth}×{r.SentHeight}" : "-";
                var line = r.Error is { } error
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{r.Kind,-6} {r.Format ?? "-",-6} {Show(r.Width),6} {Show(r.Height),6} {Show(r.Tiles),7} {(r.Width is null ? "failed" : "refused"),12}  {"-",-11} {"-",6} {"-",12}  {CliApp.Shorten(r.Input, 60)} ({error})")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{r.Kind,-6} {r.Format ?? "-",-6} {Show(r.Width),6} {Show(r.Height),6} {Show(r.Tiles),7} {r.Tokens,12:N0}  {sent,-11} {Show(r.SentTiles),6} {r.SentTokens,12:N0}  {CliApp.Shorten(r.Input, 60)}{(r.Note is null ? string.Empty : $" ({r.Note})")}");
                await stdout.WriteLineAsync(line);
            }

            var saving = original == total ? string.Empty : $"; {original:N0} as given, {original - total:N0} saved with --downscale {downscale ?? "auto"}";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"total {total:N0} tokens sent on {modelName} (an estimate){saving}{(cost is { } c ? $"; cost {c:0.######} at {perMillion:0.######} per million (price from {source})" : string.Empty)}{(failures.Count > 0 ? $"; {failures.Count} item(s) could not be estimated or would be refused, and are not counted" : string.Empty)}"));
            return await ReportFailuresAsync(failures, stderr);
        }));
        return command;
    }

    /// <summary>The message without a leading "item: ", since the row and the error line name the item already.</summary>
    private static string WithoutItem(string message, string item) =>
        message.StartsWith($"{item}: ", StringComparison.Ordinal) ? message[(item.Length + 2)..] : message;

    /// <summary>Names each item that could not be estimated, or would be refused, on stderr; the exit code is 1 when there is one.</summary>
    private static async Task<int> ReportFailuresAsync(List<(string Item, string Error)> failures, TextWriter stderr)
    {
        foreach (var (item, error) in failures)
        {
            await stderr.WriteLineAsync(error.Contains(item, StringComparison.Ordinal) ? $"error: {error}" : $"error: {item}: {error}");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<(decimal? PerMillion, string Source)> LivePriceAsync(
        string model, string? apiKey, string? baseUrl, CliEnvironment environment, TextWriter stderr, CancellationToken ct)
    {
        using var jina = ClientFactory.Create(apiKey, baseUrl, environment, stderr);
        using var catalogue = jina.GetModelsClient();
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
            throw new ArgumentException(ex.Message.Contains(item, StringComparison.Ordinal) ? ex.Message : $"{item}: {ex.Message}", ex);
        }
        catch (JinaUrlRefusedException ex) when (!fetch.AllowNonPublicAddresses)
        {
            throw new ArgumentException($"{ex.Message} Here: give --allow-private-urls to read it.", ex);
        }
    }
}
