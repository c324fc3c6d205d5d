using System.Diagnostics;

namespace JinaClip.Tests.Testing;

/// <summary>
/// <c>JinaEmulatorServer</c> hosted in a real console process (tests/JinaClip.EmulatorHost) leaves Ctrl+C (SIGINT) and
/// SIGTERM to the app: a plain app ends on them, and a generic host gets them and stops in order.
/// </summary>
public sealed class EmulatorServerSignalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("plain", "INT", 130)]
    [InlineData("plain", "TERM", 143)]
    [InlineData("host", "INT", 0)]
    [InlineData("host", "TERM", 0)]
    public async Task EmulatorInAConsoleApp_EndsOnTheSignal(string mode, string signal, int exitCode)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals: this test runs on Linux and macOS.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JinaClip.EmulatorHost.dll"));
        start.ArgumentList.Add(mode);
        using var process = Process.Start(start)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
            Assert.StartsWith("listening on http://127.0.0.1:", first, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }

            var rest = process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(15), Ct);
            Assert.Equal(exitCode, process.ExitCode);
            if (mode == "host")
            {
                Assert.Equal(["emulator stopping", "host stopped"], (await rest).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
