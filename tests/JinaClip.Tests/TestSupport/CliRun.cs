using System.Diagnostics;
using JinaClip.Cli;

namespace JinaClip.Tests.TestSupport;

/// <summary>Runs the <c>jinaclip</c> command line, in process or as a process, and captures its exit code and output.</summary>
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

    /// <summary>Runs <c>dotnet JinaClip.Cli.dll</c> as a user starts it, with no API key in its environment.</summary>
    public static Task<(int Exit, string Out, string Err)> RunProcess(params string[] args) => RunProcess(TestContext.Current.CancellationToken, args);

    /// <summary>Runs the tool as a process in <paramref name="workingDirectory"/>, as a user does from another folder.</summary>
    public static Task<(int Exit, string Out, string Err)> RunProcessIn(string workingDirectory, params string[] args) =>
        RunProcess(workingDirectory, args, TestContext.Current.CancellationToken);

    /// <summary>Runs the tool as a process until it exits or <paramref name="cancellationToken"/> fires (then it is killed).</summary>
    public static Task<(int Exit, string Out, string Err)> RunProcess(CancellationToken cancellationToken, params string[] args) =>
        RunProcess(null, args, cancellationToken);

    private static async Task<(int Exit, string Out, string Err)> RunProcess(string? workingDirectory, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JinaClip.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(JinaClientOptions.ApiKeyEnvironmentVariable);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, await stdout, await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
