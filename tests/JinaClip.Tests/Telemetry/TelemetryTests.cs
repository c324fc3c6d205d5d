using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Telemetry;

/// <summary>
/// The client's own spans and metrics. Tests run in parallel, so each test runs under its own parent activity and
/// keeps only what belongs to its trace.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private const string MeaiSource = "JinaClip.Tests.Meai";
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
            ShouldListenTo = s => s.Name is "JinaClip" or "JinaClip.Tests.Parent" or MeaiSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
        _root = Parent.StartActivity("test")!;
        var trace = _root.TraceId;
        _activities.ActivityStopped = a =>
        {
            if (a.Source.Name is "JinaClip" or MeaiSource && a.TraceId == trace)
            {
                _spans.Enqueue(a);
            }
        };
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is "JinaClip" or MeaiSource)
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
        _meters.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t)); // M.E.AI records tokens as int
        _meters.Start();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _root.Dispose();
        _meters.Dispose();
        _activities.Dispose();
    }

    private List<Activity> Operations => _spans.Where(s => s.GetTagItem("gen_ai.operation.name") is not null).ToList();

    private List<Activity> Attempts => _spans.Where(s => s.DisplayName == "POST /v1/embeddings").ToList();

    [Fact]
    public async Task EmbedAsync_TwoBatches_OneOperationSpan_AttemptChildren_OneUsageReading()
    {
        // The server takes exactly 1.5 s on the client's clock, per request.
        var clock = new FakeTimeProvider();
        using var mock = new JinaMock((_, body) =>
        {
            clock.Advance(TimeSpan.FromSeconds(1.5));
            return JinaMock.Json(Responses.Base64Body("jina-clip-v1", [Responses.Vector(768, 1)], usage: """{"total_tokens":3,"prompt_tokens":3}"""));
        });
        using var client = mock.CreateClient(o => { o.TimeProvider = clock; o.MaxBatchSize = 1; o.MaxConcurrency = 1; });

        await client.EmbedAsync(["a red dog", "two"], cancellationToken: Ct);

        var operation = Assert.Single(Operations);
        Assert.Equal("embeddings jina-clip-v1", operation.DisplayName);
        Assert.Equal(ActivityKind.Client, operation.Kind);
        Assert.Equal("embeddings", operation.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("jina", operation.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("jina-clip-v1", operation.GetTagItem("gen_ai.request.model"));
        Assert.Equal("jina-clip-v1", operation.GetTagItem("gen_ai.response.model"));
        Assert.Equal("api.jina.ai", operation.GetTagItem("server.address"));
        Assert.Equal(443, operation.GetTagItem("server.port"));
        Assert.Equal(6L, operation.GetTagItem("gen_ai.usage.input_tokens")); // summed over the two batches
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);

        var attempts = Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.Equal(3, _spans.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(operation.SpanId, a.ParentSpanId);
            Assert.Equal(ActivityKind.Internal, a.Kind);
            Assert.Null(a.GetTagItem("gen_ai.operation.name"));
            Assert.Equal("POST", a.GetTagItem("http.request.method"));
            Assert.Equal(1, a.GetTagItem("jinaclip.attempt"));
            Assert.Equal(1, a.GetTagItem("jinaclip.request.inputs"));
        });

        var tokens = Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.token.usage");
        Assert.Equal(6, tokens.Value);
        Assert.Equal("input", tokens.Tags["gen_ai.token.type"]);
        Assert.Equal("jina-clip-v1", tokens.Tags["gen_ai.request.model"]);
        var duration = Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.operation.duration");
        Assert.Equal(3.0, duration.Value);
        Assert.Equal([1.5, 1.5], _measurements.Where(m => m.Instrument == "jinaclip.client.attempt.duration").Select(m => m.Value));
    }

    [Fact]
    public async Task FailedAttempt_CarriesErrorType_RetriesAreCounted_TheOperationSucceeds()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.FailNext(1, HttpStatusCode.ServiceUnavailable);
        var clock = new FakeTimeProvider();
        using var client = emulator.CreateClient(o => { o.TimeProvider = clock; o.Retry.MaxRetryAttempts = 2; });

        await Clock.Drive(clock, client.EmbedAsync(["x"], cancellationToken: Ct));

        var attempts = Attempts;
        Assert.Equal(2, attempts.Count);
        var failed = attempts.Single(a => a.GetTagItem("jinaclip.attempt") is 1);
        Assert.Equal("503", failed.GetTagItem("error.type"));
        Assert.Equal(503, failed.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(ActivityStatusCode.Unset, attempts.Single(a => a.GetTagItem("jinaclip.attempt") is 2).Status);
        Assert.Equal(ActivityStatusCode.Unset, Assert.Single(Operations).Status);
        var retry = Assert.Single(_measurements, m => m.Instrument == "jinaclip.client.retries");
        Assert.Equal(1, retry.Value);
        Assert.Equal("503", retry.Tags["error.type"]);
        Assert.Contains(_measurements, m => m.Instrument == "jinaclip.client.attempt.duration" && Equals(m.Tags.GetValueOrDefault("error.type"), "503"));
        var operationDuration = Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.operation.duration");
        Assert.False(operationDuration.Tags.ContainsKey("error.type"));
    }

    [Fact]
    public async Task FailedCall_OperationSpanAndDurationCarryTheErrorType_NoUsageIsRecorded()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.FailNext(1, HttpStatusCode.Unauthorized);
        using var client = emulator.CreateClient();

        await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["x"], cancellationToken: Ct));

        var operation = Assert.Single(Operations);
        Assert.Equal("401", operation.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, operation.Status);
        Assert.Equal("401", Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.operation.duration").Tags["error.type"]);
        Assert.DoesNotContain(_measurements, m => m.Instrument == "gen_ai.client.token.usage");
    }

    [Fact]
    public async Task EmbedStreamAsync_OneOperationSpanForTheWholeStream_AttemptsAreItsChildren()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 2; o.MaxConcurrency = 1; });

        var count = 0;
        await foreach (var _ in client.EmbedStreamAsync(Source(), cancellationToken: Ct))
        {
            count++;
        }

        Assert.Equal(5, count);
        var operation = Assert.Single(Operations);
        Assert.Equal(3, Attempts.Count);
        Assert.All(Attempts, a => Assert.Equal(operation.SpanId, a.ParentSpanId));
        var tokens = Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.token.usage");
        Assert.Equal(operation.GetTagItem("gen_ai.usage.input_tokens"), (long)tokens.Value);

        static async IAsyncEnumerable<EmbeddingInput> Source()
        {
            foreach (var text in new[] { "one", "two", "three", "four", "five" })
            {
                await Task.Yield();
                yield return text;
            }
        }
    }

    [Fact]
    public async Task ThroughMeaiUseOpenTelemetry_OneOperationSpan_OneUsageReading_AttemptsBeneath()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 1);
        using var generator = client.AsEmbeddingGenerator().AsBuilder().UseOpenTelemetry(sourceName: MeaiSource).Build();

        await generator.GenerateAsync(["a red dog", "two"], cancellationToken: Ct);

        var operation = Assert.Single(Operations); // M.E.AI's; the SDK adds no second one
        Assert.Equal(MeaiSource, operation.Source.Name);
        Assert.Equal("embeddings jina-clip-v1", operation.DisplayName);
        Assert.Equal(2, Attempts.Count);
        Assert.All(Attempts, a => Assert.Equal(operation.SpanId, a.ParentSpanId));
        var usage = Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.token.usage");
        Assert.Equal(6, usage.Value); // ⌈3.3⌉ + ⌈1.1⌉, read once, by M.E.AI
        Assert.Single(_measurements, m => m.Instrument == "gen_ai.client.operation.duration");
        Assert.Equal(2, _measurements.Count(m => m.Instrument == "jinaclip.client.attempt.duration"));
    }

    [Fact]
    public async Task OperationHistograms_GiveTheSameBucketAdviceAsMeaisOwn()
    {
        const string Meai = "JinaClip.Tests.Meai.Advice";
        var boundaries = new ConcurrentDictionary<(string Meter, string Name), double[]>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name is "JinaClip" or Meai && Boundaries(instrument) is { } b)
                {
                    boundaries[(instrument.Meter.Name, instrument.Name)] = b;
                }
            },
        };
        listener.Start();
        using var client = new JinaEmulator().CreateClient();
        using var generator = client.AsEmbeddingGenerator().AsBuilder().UseOpenTelemetry(sourceName: Meai).Build();
        await generator.GenerateAsync(["advice"], cancellationToken: Ct);

        foreach (var name in new[] { "gen_ai.client.token.usage", "gen_ai.client.operation.duration" })
        {
            Assert.True(boundaries.TryGetValue((Meai, name), out var theirs), $"M.E.AI published no {name} with advice");
            Assert.Equal(theirs, boundaries[("JinaClip", name)]);
        }

        static double[]? Boundaries(Instrument instrument) => instrument switch
        {
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(v => (double)v).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(v => (double)v).ToArray(),
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            _ => null,
        };
    }

    [Fact]
    public async Task AfterAnMeaiCall_ADirectCallStillGetsItsOwnOperationSpan()
    {
        using var client = new JinaEmulator().CreateClient();
        using var generator = client.AsEmbeddingGenerator().AsBuilder().UseOpenTelemetry(sourceName: MeaiSource).Build();

        await generator.GenerateAsync(["through M.E.AI"], cancellationToken: Ct);
        await client.EmbedAsync(["direct"], cancellationToken: Ct);

        Assert.Equal([MeaiSource, "JinaClip"], Operations.Select(o => o.Source.Name));
        Assert.Equal(2, _measurements.Count(m => m.Instrument == "gen_ai.client.token.usage"));
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
