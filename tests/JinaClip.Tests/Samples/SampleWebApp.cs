using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace JinaClip.Tests.Samples;

/// <summary>
/// The web sample started as a user starts it (<c>dotnet run --project samples/JinaClip.WebApi</c>, here with
/// <c>--no-build</c> and a free loopback port), with no API key, until its gallery is indexed. Disposing stops it.
/// </summary>
internal sealed partial class SampleWebApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleWebApp(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets everything the app printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<SampleWebApp> StartAsync(CancellationToken cancellationToken, params string[] appArguments)
    {
        var repo = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repo,
        };
        foreach (var arg in new[] { "run", "--project", "samples/JinaClip.WebApi", "-c", configuration, "--no-build", "--no-launch-profile", "--", "--urls", "http://127.0.0.1:0" }.Concat(appArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(JinaClientOptions.ApiKeyEnvironmentVariable);
        start.Environment["DOTNET_NOLOGO"] = "1";
        var app = new SampleWebApp(Process.Start(start)!);
        app._process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            app.BaseAddress = await app._listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            await app._ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (TimeoutException)
        {
            await app.DisposeAsync();
            throw new TimeoutException($"The web sample did not start and index its gallery within a minute. It printed:\n{app.Log}");
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JinaClip.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (JinaClip.sln) was not found above the test's folder.");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException($"The web sample exited. It printed:\n{Log}"));
            _ready.TrySetException(new InvalidOperationException($"The web sample exited. It printed:\n{Log}"));
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }

        if (line.Contains("The gallery is ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
