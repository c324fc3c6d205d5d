using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;

namespace JinaClip.Benchmarks.Classify;

/// <summary>
/// Issue 31: a zero-shot classify call of 512 inputs against 100 labels, answered (from an in-memory handler, so no
/// socket or server cost is measured) by 512 classifications of 100 label scores each, best first as the API lists them
/// (about 2.3 MB). The SDK (request written; answer read with <c>Utf8JsonReader</c> and checked: every index once, every
/// score in [0, 1], the prediction one of the labels, every label scored once, scores laid out in label order) against
/// a naive <see cref="HttpClient"/> + <c>PostAsJsonAsync</c> + <c>ReadFromJsonAsync</c> with source-generated types
/// that checks nothing. No .NET SDK exists to compare with.
/// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- --filter '*ClassifyParseBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public partial class ClassifyParseBenchmarks
{
    private const int Inputs = 512;
    private const int Labels = 100;
    private readonly EmbeddingInput[] _inputs = [.. Enumerable.Range(0, Inputs).Select(i => EmbeddingInput.FromText($"input number {i}: a short text about animals and places"))];
    private readonly string[] _texts = [.. Enumerable.Range(0, Inputs).Select(i => $"input number {i}: a short text about animals and places")];
    private readonly string[] _labels = [.. Enumerable.Range(0, Labels).Select(i => $"category {i}")];
    private JinaClassificationClient _jina = null!;
    private HttpClient _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = Body();
        _jina = new JinaClassificationClient(new HttpClient(new Canned(body)), new JinaClientOptions { ApiKey = "bench" });
        _naive = new HttpClient(new Canned(body)) { BaseAddress = new Uri("https://api.jina.ai/") };
        _naive.DefaultRequestHeaders.Authorization = new("Bearer", "bench");
        Console.WriteLine($"// answer body: {Encoding.UTF8.GetByteCount(body):N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _jina.Dispose();
        _naive.Dispose();
    }

    [Benchmark]
    public async Task<float> JinaClipSdk()
    {
        var result = await _jina.ClassifyAsync(_inputs, _labels);
        return result[Inputs - 1].Score;
    }

    [Benchmark(Baseline = true)]
    public async Task<double> NaiveHttpClient()
    {
        using var response = await _naive.PostAsJsonAsync("v1/classify", new ClassifyNaiveRequest("jina-clip-v1", _texts, _labels), ClassifyNaiveJson.Default.ClassifyNaiveRequest);
        var body = await response.Content.ReadFromJsonAsync(ClassifyNaiveJson.Default.ClassifyNaiveResponse);
        return body!.Data[Inputs - 1].Score;
    }

    private string Body()
    {
        var json = new StringBuilder("""{"data":[""");
        for (var i = 0; i < Inputs; i++)
        {
            // A softmax over the labels, best first; each input prefers another label.
            var weights = Enumerable.Range(0, Labels).Select(l => Math.Exp(-Math.Abs(((l - i) % Labels) / 10.0))).ToArray();
            var sum = weights.Sum();
            var order = Enumerable.Range(0, Labels).OrderByDescending(l => weights[l]).ToArray();
            json.Append(i == 0 ? "" : ",").Append("{\"index\":").Append(i).Append(",\"object\":\"classification\",\"prediction\":\"").Append(_labels[order[0]])
                .Append("\",\"score\":").Append((weights[order[0]] / sum).ToString("R", CultureInfo.InvariantCulture)).Append(",\"predictions\":[");
            for (var k = 0; k < Labels; k++)
            {
                json.Append(k == 0 ? "" : ",").Append("{\"label\":\"").Append(_labels[order[k]]).Append("\",\"score\":")
                    .Append((weights[order[k]] / sum).ToString("R", CultureInfo.InvariantCulture)).Append('}');
            }

            json.Append("]}");
        }

        return json.Append("""],"usage":{"total_tokens":6656}}""").ToString();
    }

    internal sealed record ClassifyNaiveRequest(
        [property: JsonPropertyName("model")] string Model, [property: JsonPropertyName("input")] string[] Input, [property: JsonPropertyName("labels")] string[] Labels);

    internal sealed record NaiveLabelScore([property: JsonPropertyName("label")] string Label, [property: JsonPropertyName("score")] double Score);

    internal sealed record NaiveClassification(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("prediction")] string Prediction,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("predictions")] NaiveLabelScore[] Predictions);

    internal sealed record ClassifyNaiveResponse([property: JsonPropertyName("data")] NaiveClassification[] Data);

    [JsonSerializable(typeof(ClassifyNaiveRequest))]
    [JsonSerializable(typeof(ClassifyNaiveResponse))]
    internal sealed partial class ClassifyNaiveJson : JsonSerializerContext;

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
