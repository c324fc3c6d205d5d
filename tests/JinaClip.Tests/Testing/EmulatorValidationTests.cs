using System.Net;
using System.Text;
using System.Text.Json;
using JinaClip.Testing;

namespace JinaClip.Tests.Testing;

/// <summary>Raw requests the SDK would never send, to check the emulator answers as the API does.</summary>
public class EmulatorValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json, string? key = "jina_any", JinaEmulatorOptions? options = null)
    {
        using var http = new JinaEmulator(options).CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/v1/embeddings")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        using var response = await http.SendAsync(request, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    private static void AssertFieldError(JsonElement body, string field, string type)
    {
        Assert.StartsWith("[RID: ", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e =>
            e.GetProperty("field").GetString() == field && e.GetProperty("type").GetString() == type);
    }

    [Fact]
    public async Task NoKey_Is401MissingKey()
    {
        var (status, body) = await PostAsync("""{"model":"jina-clip-v1","input":["a"]}""", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AUTH_MISSING_API_KEY", body.GetProperty("code").GetString());
        Assert.True(body.TryGetProperty("request_id", out _));
    }

    [Fact]
    public async Task NoKey_WhenConfiguredOpen_IsServed()
    {
        var (status, body) = await PostAsync("""{"model":"jina-clip-v1","input":["a"]}""", key: null, new JinaEmulatorOptions { RequireApiKey = false });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(768, body.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task UnknownModel_Is400ModelNotFound()
    {
        var (status, body) = await PostAsync("""{"model":"jina-clip-v9","input":["a"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INPUT_MODEL_NOT_FOUND", body.GetProperty("code").GetString());
        Assert.StartsWith("Model 'jina-clip-v9' not found. Available models:", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"jina-clip-v1","input":[]}""", "body -> jina-clip-v1 -> input", "too_short")]
    [InlineData("""{"model":"jina-clip-v1","input":[""]}""", "body -> jina-clip-v1 -> input -> 0", "string_too_short")]
    [InlineData("""{"model":"jina-clip-v1","input":["a"],"task":"retrieval.query"}""", "body -> jina-clip-v1 -> task", "extra_forbidden")]
    [InlineData("""{"model":"jina-clip-v1","input":["a"],"encoding_type":"float"}""", "body -> jina-clip-v1 -> encoding_type", "extra_forbidden")]
    [InlineData("""{"model":"jina-embeddings-v4","input":["a"],"normalized":true}""", "body -> jina-embeddings-v4 -> normalized", "extra_forbidden")]
    [InlineData("""{"model":"jina-clip-v1","input":["a"],"embedding_type":"int8"}""", "body -> jina-clip-v1 -> embedding_type", "enum")]
    [InlineData("""{"model":"jina-clip-v2","input":["a"],"dimensions":2048}""", "body -> jina-clip-v2 -> dimensions", "less_than_equal")]
    [InlineData("""{"model":"jina-clip-v2","input":["a"],"dimensions":0}""", "body -> jina-clip-v2 -> dimensions", "greater_than")]
    [InlineData("""{"model":"jina-clip-v2","input":["a"],"task":"retrieval.passage"}""", "body -> jina-clip-v2 -> task", "enum")]
    [InlineData("""{"model":"jina-clip-v1","input":[{"image":"not base64 at all!"}]}""", "body -> jina-clip-v1 -> input -> 0 -> image", "value_error")]
    [InlineData("""{"model":"jina-clip-v1","input":[{"url":"https://example.com/a.jpg"}]}""", "body -> jina-clip-v1 -> input -> 0 -> url", "extra_forbidden")]
    [InlineData("""{"model":"jina-embeddings-v3","input":[{"image":"https://example.com/a.jpg"}]}""", "body -> jina-embeddings-v3 -> input -> 0", "string_type")]
    [InlineData("""{"model":"jina-clip-v1","input":["a"],"normalized":"yes"}""", "body -> jina-clip-v1 -> normalized", "bool_type")]
    [InlineData("""{"input":["a"]}""", "body -> model", "missing")]
    [InlineData("""{"model":"jina-clip-v1","input":[""" , "body", "json_invalid")]
    public async Task InvalidRequest_Is422WithTheFieldError(string json, string field, string type)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertFieldError(body, field, type);
    }

    [Fact]
    public async Task ImageOver8MiB_Is422()
    {
        var image = Convert.ToBase64String(new byte[EmbeddingInput.MaxImageBytes + 1]);

        var (status, body) = await PostAsync($$"""{"model":"jina-clip-v1","input":[{"image":"{{image}}"}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertFieldError(body, "body -> jina-clip-v1 -> input -> 0 -> image", "value_error");
    }

    [Theory]
    [InlineData("aGVsbG8gd29ybGQ=")] // "hello world"
    [InlineData("PCFET0NUWVBFIGh0bWw+PGh0bWw+")] // "<!DOCTYPE html><html>"
    public async Task ImageBytesInNoImageFormat_Is422CannotIdentify(string base64)
    {
        var (status, body) = await PostAsync($$"""{"model":"jina-clip-v1","input":["a caption",{"image":"{{base64}}"}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertFieldError(body, "body -> jina-clip-v1 -> input -> 1 -> image", "value_error");
        Assert.Contains("Cannot identify image file", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralProblems_AreAllReported()
    {
        var (status, body) = await PostAsync("""{"model":"jina-embeddings-v2-base-en","input":["a"],"task":"retrieval.passage","return_multivector":true}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("[RID: emu0000000000001] Validation errors in 2 fields", body.GetProperty("detail").GetString());
        AssertFieldError(body, "body -> jina-embeddings-v2-base-en -> task", "extra_forbidden");
        AssertFieldError(body, "body -> jina-embeddings-v2-base-en -> return_multivector", "extra_forbidden");
    }

    [Fact]
    public async Task SingleStringInput_IsAccepted()
    {
        var (status, body) = await PostAsync("""{"model":"jina-embeddings-v3","input":"just one","embedding_type":"float"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1024, body.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
        Assert.Equal(0, body.GetProperty("data")[0].GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task OtherPath_Is404()
    {
        using var http = new JinaEmulator().CreateHttpClient();
        using var response = await http.GetAsync(new Uri("http://localhost/v1/chat/completions"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ThroughTheSdk_A422_SurfacesAsFieldErrors()
    {
        // An unknown model name passes the SDK's checks, so the emulator's 400 reaches the caller.
        using var client = new JinaEmulator().CreateClient(o => o.DefaultModel = "jina-unknown");

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedTextAsync("a", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("INPUT_MODEL_NOT_FOUND", ex.ErrorCode);
    }
}
