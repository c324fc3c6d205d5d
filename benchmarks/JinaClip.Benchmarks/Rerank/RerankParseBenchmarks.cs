using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;

namespace JinaClip.Benchmarks.Rerank;

/// <summary>
/// Issue 17: the rerank client's overhead on a 1,000-document call answered by 1,000 results (each with its document,
/// as the API returns them by default), from an in-memory handler so that no socket or server cost is measured. The
/// SDK (request written, answer read and checked: indices, count, finite scores, order) vs a naive
/// <see cref="HttpClient"/> + <c>PostAsJsonAsync</c> + <c>ReadFromJsonAsync</c> with source-generated types that checks
/// nothing. There is no .NET Jina SDK on NuGet to compare with.
/// </summary>
[MemoryDiagnoser]
public partial class RerankParseBenchmarks
{
    private const int Count = 1000;
    private readonly string[] _documents = Enumerable.Range(0, Count).Select(i => $"document number {i} about bicycles, bananas and bridges").ToArray();
    private JinaRerankClient _jina = null!;
    private HttpClient _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = Body();
        _jina = new JinaRerankClient(new HttpClient(new Canned(body)), new JinaClientOptions { ApiKey = "bench" });
        _naive = new HttpClient(new Canned(body)) { BaseAddress = new Uri("https://api.jina.ai/") };
        _naive.DefaultRequestHeaders.Authorization = new("Bearer", "bench");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _jina.Dispose();
        _naive.Dispose();
    }

    [Benchmark]
    public async Task<int> JinaClipSdk()
    {
        var result = await _jina.RerankAsync("bicycles", _documents);
        return result.Count;
    }

    [Benchmark(Baseline = true)]
    public async Task<int> NaiveHttpClient()
    {
        using var response = await _naive.PostAsJsonAsync("v1/rerank", new RerankNaiveRequest("jina-reranker-v2-base-multilingual", "bicycles", _documents), RerankNaiveJson.Default.RerankNaiveRequest);
        var body = await response.Content.ReadFromJsonAsync(RerankNaiveJson.Default.RerankNaiveResponse);
        return body!.Results.Length;
    }

    private string Body()
    {
        var json = new StringBuilder("""{"model":"jina-reranker-v2-base-multilingual","object":"list","usage":{"total_tokens":12345},"results":[""");
        for (var i = 0; i < Count; i++)
        {
            var index = (i * 7) % Count;
            var score = (0.99 - (i * 0.0009)).ToString("0.######", CultureInfo.InvariantCulture);
            json.Append(i == 0 ? "" : ",").Append("{\"index\":").Append(index).Append(",\"relevance_score\":").Append(score)
                .Append(",\"document\":{\"text\":\"").Append(_documents[index]).Append("\"}}");
        }

        return json.Append("]}").ToString();
    }

    internal sealed record RerankNaiveRequest(
        [property: JsonPropertyName("model")] string Model, [property: JsonPropertyName("query")] string Query, [property: JsonPropertyName("documents")] string[] Documents);

    internal sealed record RerankNaiveDocument([property: JsonPropertyName("text")] string Text);

    internal sealed record RerankNaiveResult(
        [property: JsonPropertyName("index")] int Index, [property: JsonPropertyName("relevance_score")] double RelevanceScore, [property: JsonPropertyName("document")] RerankNaiveDocument? Document);

    internal sealed record RerankNaiveResponse([property: JsonPropertyName("results")] RerankNaiveResult[] Results);

    [JsonSerializable(typeof(RerankNaiveRequest))]
    [JsonSerializable(typeof(RerankNaiveResponse))]
    internal sealed partial class RerankNaiveJson : JsonSerializerContext;

    /// <summary>Answers every request with the same body, reading (and discarding) the request as a server would.</summary>
    private sealed class Canned(string body) : HttpMessageHandler
    {
        private readonly byte[] _body = Encoding.UTF8.GetBytes(body);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(_body), RequestMessage = request };
        }
    }
}
