using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using JinaClip.Testing;

namespace JinaClip.Benchmarks.Scale;

/// <summary>
/// Issue 4: 20,000 short texts against the loopback emulator with 50 ms latency per request, at concurrency 1, 4
/// and 8. Batches of 250 inputs make 80 requests, so the run is bound by latency, not by the CPU: the ratio between
/// concurrency levels shows how well batches overlap. Target: concurrency 8 at least 6× concurrency 1.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ConcurrencyBenchmarks
{
    private const int Texts = 20_000;
    private readonly EmbeddingInput[] _inputs =
        Enumerable.Range(0, Texts).Select(i => (EmbeddingInput)$"short product title number {i}").ToArray();

    private JinaEmulatorServer _server = null!;
    private JinaEmbeddingClient _client = null!;

    [Params(1, 4, 8)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var emulator = new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_bench" });
        emulator.Faults.Latency = TimeSpan.FromMilliseconds(50);
        _server = await JinaEmulatorServer.StartAsync(emulator);
        _client = new JinaEmbeddingClient(new JinaClientOptions
        {
            ApiKey = "jina_bench",
            Endpoint = _server.BaseAddress,
            MaxBatchSize = 250,
            MaxConcurrency = Concurrency,
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>One full job: 20,000 texts in 80 requests; inputs per second = 20,000 / mean.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public async Task<int> Embed20kTexts()
    {
        // 64-dim vectors keep the emulator's own work small: the benchmark measures overlap, not decoding.
        var result = await _client.EmbedAsync(_inputs, new EmbeddingOptions { Model = JinaModels.ClipV2, Dimensions = 64 });
        return result.Count;
    }
}
