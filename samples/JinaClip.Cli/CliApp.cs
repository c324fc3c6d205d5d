using System.CommandLine;
using System.CommandLine.Help;
using JinaClip.Cli.Commands;

namespace JinaClip.Cli;

/// <summary>The <c>jinaclip</c> command line: <c>demo</c>, <c>embed</c>, <c>similarity</c>, <c>search</c>, <c>rerank</c>, <c>classify</c>, <c>classifiers</c>, <c>models</c>, <c>estimate</c>.</summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        // A plain command named "jinaclip", not a RootCommand (whose name is the executable's, "JinaClip.Cli" when run with
        // `dotnet run` or as the AOT binary): help and errors call it by the tool's command name. It gets the root's options.
        var root = new Command("jinaclip", "jinaclip: text and image embeddings with Jina AI. With no API key, runs offline on a local emulator.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(DemoCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(EmbedCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(SimilarityCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(SearchCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(RerankCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(ClassifyCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(ClassifiersCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(ModelsCommand.Create(environment, stdout, stderr));
        root.Subcommands.Add(EstimateCommand.Create(environment, stdout, stderr));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {ParseErrors.Describe(parsed)} (see 'jinaclip --help')");
            return Task.FromResult(2);
        }

        return parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary>
    /// A library message as a user of the tool reads it: without advice about library options they cannot set here
    /// (<c>JinaClientOptions.AllowUnrecognizedImageFormats</c>).
    /// </summary>
    public static string ForUsers(string message) =>
        message.Replace("; to send another format, set JinaClientOptions.AllowUnrecognizedImageFormats to true.", ".", StringComparison.Ordinal);

    /// <summary>The exit code of a command that finished but skipped inputs it could not use (each listed on stderr with its reason).</summary>
    public const int SkippedExitCode = 3;

    /// <summary>Runs a command body; any expected failure becomes one line on stderr and exit code 1.</summary>
    public static async Task<int> Guard(TextWriter stderr, Func<Task<int>> body)
    {
        var run = new CommandRun();
        CommandRun.Current.Value = run;
        try
        {
            return await body();
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or JinaApiException or HttpRequestException or TimeoutException or IOException or JinaImageHeaderException or JinaTokenBudgetException or JinaBatchException)
        {
            var message = ForUsers(ex is ArgumentException { ParamName: { } name } ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message);
            if (run.Offline)
            {
                // Offline, the answer came from the in-process emulator: say so, not "the Jina API".
                message = message.Replace("The Jina API answered", "The local emulator answered", StringComparison.Ordinal);
            }

            await stderr.WriteLineAsync($"error: {OneLine(message)}");
            return 1;
        }
    }

    public static string Describe(EmbeddingUsage usage) =>
        usage.TotalTokens is { } total
            ? usage.ImageTokens is { } image ? $"{total} ({image} for images)" : total.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "(not reported)";

    public static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Shortens a path or URL from the left, so its file name stays readable.</summary>
    public static string ShortenPath(string path, int max) => path.Length <= max ? path : string.Concat("…", path.AsSpan(path.Length - (max - 1)));

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
