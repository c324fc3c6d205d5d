using System.Net;
using System.Net.Http.Headers;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Errors;

public class ErrorMappingTests
{
    private static async Task<JinaApiException> FailWith(HttpResponseMessage response)
    {
        using var mock = new JinaMock((_, _) => response);
        using var client = mock.CreateClient();
        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Single(mock.Requests);
        return ex;
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "INPUT_MODEL_NOT_FOUND", "Model 'x' not found. Available models: jina-clip-v1")]
    [InlineData(HttpStatusCode.Unauthorized, "AUTH_INVALID_API_KEY", "Invalid API key. Verify your API key.")]
    [InlineData(HttpStatusCode.PaymentRequired, null, "Payment Required")]
    [InlineData(HttpStatusCode.Forbidden, "AUTHZ_INSUFFICIENT_BALANCE", "Top up your account")]
    [InlineData(HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "Not found")]
    [InlineData(HttpStatusCode.InternalServerError, "INTERNAL_ERROR", "contact support with the request_id")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", "Please retry with exponential backoff.")]
    public async Task EmbedAsync_ErrorStatus_MapsCodeDetailAndRequestId(HttpStatusCode status, string? code, string detail)
    {
        var codeJson = code is null ? string.Empty : $",\"code\":\"{code}\"";
        var ex = await FailWith(JinaMock.Json($$"""{"detail":"{{detail}}"{{codeJson}},"request_id":"03f58cd9da22fabf"}""", status));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(detail, ex.Detail);
        Assert.Equal("03f58cd9da22fabf", ex.RequestId);
        Assert.Null(ex.RetryAfter);
        Assert.Contains($"{(int)status}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
        Assert.Contains("03f58cd9da22fabf", ex.Message, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EmbedAsync_422CurrentShape_MapsFieldErrors()
    {
        var ex = await FailWith(JinaMock.Json(
            """
            {"detail":"[RID: d7bdceb5] Validation errors in 2 fields",
             "errors":[{"field":"body -> jina-embeddings-v2-base-en -> task","message":"Extra inputs are not permitted","type":"extra_forbidden","input":"retrieval.passage"},
                       {"field":"body -> jina-embeddings-v2-base-en -> return_multivector","message":"Extra inputs are not permitted","type":"extra_forbidden"}]}
            """, HttpStatusCode.UnprocessableEntity));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Equal("[RID: d7bdceb5] Validation errors in 2 fields", ex.Detail);
        Assert.Equal(
            [
                JinaClipModelFactory.ApiFieldError("body -> jina-embeddings-v2-base-en -> task", "Extra inputs are not permitted", "extra_forbidden"),
                JinaClipModelFactory.ApiFieldError("body -> jina-embeddings-v2-base-en -> return_multivector", "Extra inputs are not permitted", "extra_forbidden"),
            ],
            ex.FieldErrors);
        Assert.Contains("body -> jina-embeddings-v2-base-en -> task: Extra inputs are not permitted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_422LegacyShape_MapsDetailList()
    {
        var ex = await FailWith(JinaMock.Json(
            """{"detail":[{"loc":["body","input",0],"msg":"field required","type":"value_error.missing"}]}""", HttpStatusCode.UnprocessableEntity));

        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal(JinaClipModelFactory.ApiFieldError("body -> input -> 0", "field required", "value_error.missing"), error);
        Assert.Contains("body -> input -> 0: field required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_429WithRetryAfterSeconds_CarriesRetryAfter()
    {
        var response = JinaMock.Json("""{"detail":"12/10 requests per minute","code":"RATE_REQUEST_LIMIT_EXCEEDED"}""", HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var ex = await FailWith(response);

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal("RATE_REQUEST_LIMIT_EXCEEDED", ex.ErrorCode);
        Assert.Contains("Retry after 7 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_429WithRetryAfterDate_IsRelativeToTheClock()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var response = JinaMock.Json("""{"detail":"slow down"}""", HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));
        using var mock = new JinaMock((_, _) => response);
        using var client = mock.CreateClient(o => o.TimeProvider = new FixedClock(now));

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
    }

    [Fact]
    public async Task EmbedAsync_NonJsonBody_KeepsStatusAndSnippet()
    {
        var response = new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body>502 Bad Gateway from the proxy</body></html>" + new string('x', 1000)),
        };

        var ex = await FailWith(response);

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.StartsWith("<html><body>502 Bad Gateway from the proxy", ex.ResponseSnippet, StringComparison.Ordinal);
        Assert.True(ex.ResponseSnippet!.Length <= 201);
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
        Assert.Contains("non-JSON body", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_EmptyErrorBody_StillNamesTheStatus()
    {
        var ex = await FailWith(new HttpResponseMessage(HttpStatusCode.InternalServerError));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("500", ex.Message, StringComparison.Ordinal);
        Assert.Equal("(empty body)", ex.ResponseSnippet);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
