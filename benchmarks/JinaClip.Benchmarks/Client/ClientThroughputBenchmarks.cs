using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using JinaClip.Testing;
using OpenAI;
using OpenAI.Embeddings;

namespace JinaClip.Benchmarks.Client;

/// <summary>
/// Issue 9: one embed call of 512 texts answered by 512 × 768-dim embeddings from the emulator on loopback in canned
/// mode (a fixed pre-serialised body, so the server costs almost nothing). This SDK vs the official OpenAI SDK's
/// <see cref="EmbeddingClient"/> (both reading base64) vs a naive <see cref="HttpClient"/> + <c>ReadFromJsonAsync</c>
/// reading float JSON, vs the hand-tuned <see cref="Loopback.ReferenceClient"/> of issue 30. Embeddings/s = 512 / mean; allocated bytes per embedding = allocated / 512 (a vector is 3,072 B).
/// </summary>
[MemoryDiagnoser]
public partial class ClientThroughputBenchmarks
{
    private const int Count = 512;
    private const int Dimensions = 768;
    private readonly string[] _texts = Enumerable.Range(0, Count).Select(i => $"product title number {i} with a few words").ToArray();
    private EmbeddingInput[] _inputs = null!;
    private JinaEmulatorServer _base64Server = null!;
    private JinaEmulatorServer _floatServer = null!;
    private JinaEmbeddingClient _jina = null!;
    private EmbeddingClient _openAI = null!;
    private HttpClient _naive = null!;
    private Loopback.ReferenceClient _reference = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _inputs = _texts.Select(t => (EmbeddingInput)t).ToArray();
        _base64Server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { CannedResponse = JinaEmulator.CannedEmbeddings(Count, Dimensions) }));
        _floatServer = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { CannedResponse = JinaEmulator.CannedEmbeddings(Count, Dimensions, base64: false) }));
        _jina = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "bench", Endpoint = _base64Server.BaseAddress, DefaultModel = JinaModels.EmbeddingsV3 });
        _openAI = new EmbeddingClient("jina-embeddings-v3", new ApiKeyCredential("bench"), new OpenAIClientOptions { Endpoint = new Uri(_base64Server.BaseAddress, "v1") });
        _reference = new Loopback.ReferenceClient(new HttpClient(), _base64Server.BaseAddress, "bench");
        _naive = new HttpClient { BaseAddress = _floatServer.BaseAddress };
        _naive.DefaultRequestHeaders.Authorization = new("Bearer", "bench");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _jina.Dispose();
        _naive.Dispose();
        _reference.Dispose();
        await _base64Server.DisposeAsync();
        await _floatServer.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> JinaClipSdk()
    {
        var result = await _jina.EmbedAsync(_inputs, new EmbeddingOptions { Dimensions = Dimensions });
        return result.Count;
    }

    [Benchmark(Baseline = true)]
    public async Task<int> OpenAISdk()
    {
        var result = await _openAI.GenerateEmbeddingsAsync(_texts);
        return result.Value.Count;
    }

    [Benchmark]
    public async Task<int> HandTunedReference()
    {
        var result = await _reference.EmbedAsync(_texts, "jina-embeddings-v3", Dimensions, CancellationToken.None);
        return result.Length;
    }

    [Benchmark]
    public async Task<int> NaiveHttpClientFloatJson()
    {
        using var response = await _naive.PostAsJsonAsync("v1/embeddings", new NaiveRequest("jina-embeddings-v3", _texts), NaiveJson.Default.NaiveRequest);
        var body = await response.Content.ReadFromJsonAsync(NaiveJson.Default.NaiveResponse);
        return body!.Data.Length;
    }

    internal sealed record NaiveRequest([property: JsonPropertyName("model")] string Model, [property: JsonPropertyName("input")] string[] Input);

    internal sealed record NaiveItem([property: JsonPropertyName("index")] int Index, [property: JsonPropertyName("embedding")] float[] Embedding);

    internal sealed record NaiveResponse([property: JsonPropertyName("data")] NaiveItem[] Data);

    [JsonSerializable(typeof(NaiveRequest))]
    [JsonSerializable(typeof(NaiveResponse))]
    internal sealed partial class NaiveJson : JsonSerializerContext;
}
