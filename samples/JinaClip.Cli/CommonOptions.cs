using System.CommandLine;

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
        using var client = ClientFactory.Create(result.GetValue(ApiKey), result.GetValue(BaseUrl), environment, stderr, configure);
        var embeddings = await client.EmbedAsync(inputs.Select(i => i.Input), EmbeddingOptions(result), cancellationToken);
        return (inputs, embeddings);
    }

    public EmbeddingOptions EmbeddingOptions(ParseResult result) => new()
    {
        Model = result.GetValue(Model),
        Dimensions = result.GetValue(Dimensions),
        Task = result.GetValue(Task),
    };
}
