using JinaClip.Cli;

namespace JinaClip.Tests.TestSupport;

/// <summary>Runs the <c>jinaclip</c> command line in process and captures its exit code and output.</summary>
internal static class CliRun
{
    public static readonly CliEnvironment NoKey = new(ApiKey: null);

    public static async Task<(int Exit, string Out, string Err)> Run(CliEnvironment environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, environment, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
