using System.Net;
using System.Text;
using System.Text.Json;
using JinaClip.Testing;

namespace JinaClip.Tests.Testing;

/// <summary>The emulator's <c>POST /v1/rerank</c>: the API's 400/422 shapes and deterministic, consistent scores.</summary>
public class EmulatorRerankTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json)
    {
        using var http = new JinaEmulator().CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/v1/rerank") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", "jina_x");
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    [Theory]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","query":"q","documents":[]}""", "body -> jina-reranker-v2-base-multilingual -> documents", "too_short")]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","query":"q","documents":["d"],"max_doc_length":10}""", "body -> jina-reranker-v2-base-multilingual -> max_doc_length", "extra_forbidden")]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","query":"q","documents":[{"image":"https://x/a.png"}]}""", "body -> jina-reranker-v2-base-multilingual -> documents -> 0", "union_tag_invalid")]
    [InlineData("""{"model":"jina-reranker-v3","query":"q","documents":["d"],"max_doc_length":9000}""", "body -> jina-reranker-v3 -> max_doc_length", "less_than_equal")]
    [InlineData("""{"model":"jina-reranker-m0","query":"q","documents":["d"],"top_n":0}""", "body -> jina-reranker-m0 -> top_n", "greater_than_equal")]
    [InlineData("""{"model":"jina-reranker-m0","query":"q","documents":[{"image":"PCFET0NUWVBFIGh0bWw+"}]}""", "body -> jina-reranker-m0 -> documents -> 0 -> image", "value_error")]
    [InlineData("""{"model":"jina-reranker-m0","documents":["d"]}""", "body -> jina-reranker-m0 -> query", "missing")]
    public async Task InvalidRequest_Is422NamingTheField(string json, string field, string type)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownModel_Is400ListingTheRerankers()
    {
        var (status, body) = await PostAsync("""{"model":"jina-reranker-v9","query":"q","documents":["d"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Model 'jina-reranker-v9' not found. Available models: jina-reranker-v2-base-multilingual", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_AreTheSameInAnyRequest_AndAnswerInTheApisShape()
    {
        var (_, first) = await PostAsync("""{"model":"jina-reranker-m0","query":"a red bicycle","documents":["a banana","a bicycle"]}""");
        var (_, second) = await PostAsync("""{"model":"jina-reranker-m0","query":"a red bicycle","documents":["a bicycle"],"return_documents":false}""");

        var results = first.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal("list", first.GetProperty("object").GetString());
        Assert.Equal([1, 0], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("a bicycle", results[0].GetProperty("document").GetProperty("text").GetString());
        var alone = Assert.Single(second.GetProperty("results").EnumerateArray());
        Assert.Equal(results[0].GetProperty("relevance_score").GetDouble(), alone.GetProperty("relevance_score").GetDouble());
        Assert.False(alone.TryGetProperty("document", out _));
        Assert.Equal((4 + 3) * 2, first.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }
}
