using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Telemetry;

public class LoggingTests
{
    private const string Key = "jina_log_secret_0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (FakeLogCollector Logs, ILoggerFactory Factory) Capture()
    {
        var collector = new FakeLogCollector();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        return (collector, factory);
    }

    [Fact]
    public async Task Requests_AreLoggedAtDebug_InputsAtTraceWithoutImageBytes_NeverTheKey()
    {
        var (logs, factory) = Capture();
        using (factory)
        {
            var emulator = new JinaEmulator(new JinaEmulatorOptions { ApiKey = Key });
            using var client = emulator.CreateClient(o => { o.ApiKey = Key; o.LoggerFactory = factory; });
            var png = TestImages.Png(10, 10);

            await client.EmbedAsync(["a red dog", EmbeddingInput.FromImageBytes(png)], cancellationToken: Ct);
        }

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message == "Sending 2 inputs to jina-clip-v1 at https://api.jina.ai/v1/embeddings");
        Assert.Contains(records, r => r.Level == LogLevel.Trace && r.Message == $"Inputs: a red dog | image (ImageBytes, {TestImages.Png(10, 10).Length} bytes)");
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.StartsWith("Received 2 embeddings from jina-clip-v1: 1004 tokens in", StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain(Key, r.Message, StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain(Convert.ToBase64String(TestImages.Png(10, 10)), r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_AreLoggedAtWarning()
    {
        var (logs, factory) = Capture();
        var clock = new FakeTimeProvider();
        using (factory)
        {
            var emulator = new JinaEmulator();
            emulator.Faults.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(2));
            using var client = emulator.CreateClient(o => { o.LoggerFactory = factory; o.TimeProvider = clock; o.Retry.MaxRetryAttempts = 1; });

            await Clock.Drive(clock, client.EmbedTextAsync("x", cancellationToken: Ct));
        }

        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal("Request to https://api.jina.ai/v1/embeddings failed (429); retry 1 in 2000 ms", warning.Message);
    }

    [Fact]
    public async Task Info_ShowsNothing_ByDefaultLevels()
    {
        var collector = new FakeLogCollector();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new FakeLoggerProvider(collector))))
        {
            using var client = new JinaEmulator().CreateClient(o => o.LoggerFactory = factory);
            await client.EmbedTextAsync("quiet", cancellationToken: Ct);
        }

        Assert.Empty(collector.GetSnapshot());
    }
}
