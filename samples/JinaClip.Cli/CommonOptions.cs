using System.CommandLine;
using System.Globalization;
using JinaClip.Imaging;

namespace JinaClip.Cli;

/// <summary>Options shared by the commands that call the API.</summary>
internal sealed class CommonOptions
{
    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "The API's base URL (default https://api.jina.ai/). Needs an API key." };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "The Jina API key (default: the JINA_API_KEY environment variable; with neither, the offline emulator is used)." };

    public Option<string?> Model { get; } = new("--model") { Description = "The model (default jina-clip-v1)." };

    public Option<int?> Dimensions { get; } = new("--dimensions") { Description = "Truncate vectors to this many dimensions (models that support it)." };

    public Option<string?> Task { get; } = new("--task") { Description = "The task, e.g. retrieval.query (models that support it)." };

    public Option<bool> Json { get; } = new("--json") { Description = "Write the result as JSON on stdout." };

    public Option<string[]> Text { get; } = new("--text") { Description = "A text to embed (repeatable; kept in command-line order).", Arity = ArgumentArity.ZeroOrMore };

    public Option<string[]> Image { get; } = new("--image") { Description = "An image file path or http(s) URL (repeatable; kept in command-line order).", Arity = ArgumentArity.ZeroOrMore };

    public Option<string> Downscale { get; } = CreateDownscale();

    /// <summary>Gets the preprocessor <c>--downscale</c> asks for: <c>auto</c> (the default), <c>crop</c>, or <c>off</c> (none).</summary>
    public static IImagePreprocessor? Preprocessor(string? mode) => mode switch
    {
        "off" => null,
        "crop" => new SkiaImageDownscaler(new ImageDownscalingOptions { Mode = DownscaleMode.CenterCrop }),
        _ => new SkiaImageDownscaler(),
    };

    /// <summary>
    /// Writes what downscaling saved to <paramref name="stderr"/>: the local images' tokens as given and as sent
    /// (estimated from their headers), unless <c>--downscale off</c> or there are no local images.
    /// </summary>
    public static async Task ReportSavingAsync(IEnumerable<EmbeddingInput> inputs, string model, string? mode, TextWriter stderr, CancellationToken cancellationToken)
    {
        var local = inputs.Where(i => i.Kind is EmbeddingInputKind.ImageFile or EmbeddingInputKind.ImageBytes).ToList();
        if (Preprocessor(mode) is not { } preprocessor || local.Count == 0)
        {
            return;
        }

        var options = new TokenEstimatorOptions { ImagePreprocessor = preprocessor };
        if (!options.ImageRules.ContainsKey(model))
        {
            return;
        }

        TokenEstimate estimate;
        try
        {
            estimate = await new TokenEstimator(options).EstimateAsync(local, model, cancellationToken);
        }
        catch (JinaImageHeaderException)
        {
            return; // a header the estimator cannot read: there is no saving to report
        }

        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"images: {estimate.TotalTokens:N0} tokens sent (--downscale {mode ?? "auto"}); as given they would have cost {estimate.OriginalTotalTokens:N0}"));
    }

    /// <summary>Adds the connection options (and <c>--json</c>) to <paramref name="command"/>.</summary>
    public void AddConnection(Command command)
    {
        command.Options.Add(BaseUrl);
        command.Options.Add(ApiKey);
        command.Options.Add(Json);
    }

    /// <summary>Adds the inputs and per-call options to <paramref name="command"/>.</summary>
    public void AddEmbedding(Command command)
    {
        command.Options.Add(Downscale);
        command.Options.Add(Text);
        command.Options.Add(Image);
        command.Options.Add(Model);
        command.Options.Add(Dimensions);
        command.Options.Add(Task);
    }

    /// <summary>Reads the inputs in command-line order and embeds them in one call.</summary>
    public async Task<(List<(EmbeddingInput Input, string Label)> Inputs, JinaEmbeddingCollection Embeddings)> EmbedAsync(
        ParseResult result, CliEnvironment environment, TextWriter stderr, Action<int> checkCount, Action<JinaClientOptions>? configure, CancellationToken cancellationToken)
    {
        var inputs = InputReader.Read(result, this);
        checkCount(inputs.Count);
        var downscale = result.GetValue(Downscale);
        using var jina = ClientFactory.Create(result.GetValue(ApiKey), result.GetValue(BaseUrl), environment, stderr, o =>
        {
            o.ImagePreprocessor = Preprocessor(downscale);
            configure?.Invoke(o);
        });
        var client = jina.GetEmbeddingsClient();
        var embeddings = await client.EmbedAsync(inputs.Select(i => i.Input), EmbeddingOptions(result), cancellationToken);
        await ReportSavingAsync(inputs.Select(i => i.Input), embeddings.Model, downscale, stderr, cancellationToken);
        return (inputs, embeddings);
    }

    private static Option<string> CreateDownscale()
    {
        var option = new Option<string>("--downscale")
        {
            Description = "Resize images to what the model sees before upload: auto (shortest side to the model's size), crop (also the centre square), off.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "crop", "off");
        return option;
    }

    public EmbeddingOptions EmbeddingOptions(ParseResult result) => new()
    {
        Model = result.GetValue(Model),
        Dimensions = result.GetValue(Dimensions),
        Task = result.GetValue(Task),
    };
}
