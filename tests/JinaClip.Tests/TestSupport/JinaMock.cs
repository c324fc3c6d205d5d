using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace JinaClip.Tests.TestSupport;

/// <summary>
/// A raw HTTP double (MockHttp) that records what the client sent and answers whatever a test writes: malformed JSON,
/// shuffled or missing indices, NaN, a key echoed back, bodies the real API never sends. It is the second fake on
/// purpose: the emulator (<c>JinaClip.Testing</c>, the one fake users get) models the API faithfully — valid answers
/// and the API's documented faults — and so cannot, and should not, produce those hostile answers. Everything that a
/// faithful API can do is tested on the emulator.
/// </summary>
internal sealed class JinaMock : IDisposable
{
    public const string Key = "jina_test_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS";
    public const string EmbeddingsUrl = "https://api.jina.ai/v1/embeddings";

    private readonly MockHttpMessageHandler _handler = new();
    private Func<HttpRequestMessage, string, HttpResponseMessage> _respond;

    public JinaMock(Func<HttpRequestMessage, string, HttpResponseMessage>? respond = null)
    {
        _respond = respond ?? ((_, body) => Json(Responses.ForRequest(body)));
        _handler.Fallback.Respond(async request =>
        {
            Requests.Add(request);
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
            Bodies.Add(body);
            return _respond(request, body);
        });
    }

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string> Bodies { get; } = [];

    public string LastBody => Assert.Single(Bodies);

    public HttpClient HttpClient => _handler.ToHttpClient();

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public void RespondWith(Func<HttpRequestMessage, string, HttpResponseMessage> respond) => _respond = respond;

    public void RespondWith(string json, HttpStatusCode status = HttpStatusCode.OK) => _respond = (_, _) => Json(json, status);

    public JinaEmbeddingClient CreateClient(Action<JinaClientOptions>? configure = null)
    {
        // Wire tests see exactly one request per call: retries are tested on their own (Pipeline/RetryTests).
        var options = new JinaClientOptions { ApiKey = Key, Retry = { MaxRetryAttempts = 0 } };
        configure?.Invoke(options);
        return new JinaEmbeddingClient(HttpClient, options);
    }

    /// <summary>A root client on this mock, for the rerank and catalogue clients it hands out.</summary>
    public JinaClient CreateJinaClient(Action<JinaClientOptions>? configure = null)
    {
        var options = new JinaClientOptions { ApiKey = Key, Retry = { MaxRetryAttempts = 0 } };
        configure?.Invoke(options);
        return new JinaClient(HttpClient, options);
    }

    public void Dispose() => _handler.Dispose();
}
