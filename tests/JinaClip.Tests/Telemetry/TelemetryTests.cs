using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Telemetry;

/// <summary>
/// The client's own spans and metrics. Tests run in parallel, so each test runs under its own parent activity and
/// keeps only what belongs to its trace.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private static readonly ActivitySource Parent = new("JinaClip.Tests.Parent");
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly Activity _root;
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public TelemetryTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "JinaClip" or "JinaClip.Tests.Parent",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
        _root = Parent.StartActivity("test")!;
        var trace = _root.TraceId;
        _activities.ActivityStopped = a =>
        {
            if (a.Source.Name == "JinaClip" && a.TraceId == trace)
            {
                _spans.Enqueue(a);
            }
        };
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "JinaClip")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Activity.Current?.TraceId == trace)
            {
                _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        }

        _meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _meters.Start();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _root.Dispose();
        _meters.Dispose();
        _activities.Dispose();
    }

    [Fact]
    public async Task EachAttempt_IsASpanWithGenAiAttributes_AndTokensAndDurationAreRecorded()
    {
        // The server takes exactly 1.5 s on the client's clock.
        var clock = new FakeTimeProvider();
        using var mock = new JinaMock((_, body) =>
        {
            clock.Advance(TimeSpan.FromSeconds(1.5));
            return JinaMock.Json(Responses.Base64Body("jina-clip-v1", [Responses.Vector(768, 1), Responses.Vector(768, 2)], usage: """{"total_tokens":6,"prompt_tokens":6}"""));
        });
        using var client = mock.CreateClient(o => o.TimeProvider = clock);

        await client.EmbedAsync(["a red dog", "two"], cancellationToken: Ct);

        var span = Assert.Single(_spans);
        Assert.Equal("embeddings jina-clip-v1", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("embeddings", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("jina", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("jina-clip-v1", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("api.jina.ai", span.GetTagItem("server.address"));
        Assert.Equal(443, span.GetTagItem("server.port"));
        Assert.Equal(6L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        var tokens = Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.token.usage");
        Assert.Equal(6, tokens.Value);
        Assert.Equal("input", tokens.Tags["gen_ai.token.type"]);
        Assert.Equal("jina-clip-v1", tokens.Tags["gen_ai.request.model"]);
        var duration = Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.operation.duration");
        Assert.Equal(1.5, duration.Value);
    }

    [Fact]
    public async Task FailedAttempts_CarryErrorType_AndRetriesAreCounted()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.FailNext(1, HttpStatusCode.ServiceUnavailable);
        var clock = new FakeTimeProvider();
        using var client = emulator.CreateClient(o => { o.TimeProvider = clock; o.Retry.MaxRetryAttempts = 2; });

        await Clock.Drive(clock, client.EmbedAsync(["x"], cancellationToken: Ct));

        Assert.Equal(2, _spans.Count);
        var failed = _spans.First();
        Assert.Equal("503", failed.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        var retry = Assert.Single(_measurements, m => m.Instrument == "jinaclip.client.retries");
        Assert.Equal(1, retry.Value);
        Assert.Equal("503", retry.Tags["error.type"]);
        Assert.Contains(_measurements, m => m.Instrument == "gen_ai.client.operation.duration" && Equals(m.Tags.GetValueOrDefault("error.type"), "503"));
    }

    [Fact]
    public async Task Spans_NeverCarryTheKeyOrTheInputs()
    {
        using var client = new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_secret_key_123" })
            .CreateClient(o => o.ApiKey = "jina_secret_key_123");

        await client.EmbedTextAsync("private text", cancellationToken: Ct);

        var tags = string.Join(";", _spans.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain("jina_secret_key_123", tags, StringComparison.Ordinal);
        Assert.DoesNotContain("private text", tags, StringComparison.Ordinal);
    }
}
