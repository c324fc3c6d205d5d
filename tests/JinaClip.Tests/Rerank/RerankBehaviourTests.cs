using System.Diagnostics;
using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Rerank;

/// <summary>Splitting and merging, the listwise refusal, invalid answers, retries and telemetry of rerank calls.</summary>
public class RerankBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Documents(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i % 3 == 0 ? $"a red bicycle number {i}" : i % 3 == 1 ? $"a bicycle number {i}" : $"a banana number {i}")];

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    [InlineData(40)]
    public async Task RerankAsync_SplitAcrossRequests_MergesExactlyAsOneRequestWould(int? topN)
    {
        var split = new JinaEmulator();
        var whole = new JinaEmulator();
        using var splitClient = split.CreateJinaClient(o => o.MaxConcurrency = 2);
        using var wholeClient = whole.CreateJinaClient();
        var documents = Documents(25);

        var merged = await splitClient.GetRerankClient().RerankAsync("a red bicycle", documents, new RerankOptions { TopN = topN, MaxDocumentsPerRequest = 10 }, Ct);
        var single = await wholeClient.GetRerankClient().RerankAsync("a red bicycle", documents, new RerankOptions { TopN = topN }, Ct);

        Assert.Equal(3, split.RequestCount);
        Assert.Equal(1, whole.RequestCount);
        Assert.Equal(single.Select(r => (r.Index, r.RelevanceScore, r.Document)), merged.Select(r => (r.Index, r.RelevanceScore, r.Document)));
        Assert.Equal(Math.Min(topN ?? 25, 25), merged.Count);
        Assert.Equal(single.TotalTokens, merged.TotalTokens);
        Assert.Single(split.Requests, r => r.Body.Contains("\"documents\":[\"a banana number 20\",", StringComparison.Ordinal)); // documents 20..24
        if (topN is { } n)
        {
            // Each request asks only for what can still be in the overall top n.
            Assert.All(split.Requests, r => Assert.Contains($"\"top_n\":{Math.Min(n, r.Body.Contains("number 20\"", StringComparison.Ordinal) ? 5 : 10)}", r.Body, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(JinaModels.RerankerV3, "ranks the documents jointly (listwise)")]
    [InlineData("jina-reranker-v9-future", "is not a reranker the SDK knows")]
    public async Task RerankAsync_MoreDocumentsThanOneRequest_ForAListwiseOrUnknownModel_IsRefusedBeforeSending(string model, string why)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.GetRerankClient().RerankAsync("q", Documents(11), new RerankOptions { Model = model, MaxDocumentsPerRequest = 10 }, Ct));

        Assert.Contains("11 documents are more than one request holds (RerankOptions.MaxDocumentsPerRequest = 10)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task RerankAsync_AListwiseModelWithinOneRequest_IsSentWhole()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var result = await client.GetRerankClient().RerankAsync("q", Documents(10), new RerankOptions { Model = JinaModels.RerankerV3, MaxDocumentsPerRequest = 10 }, Ct);

        Assert.Equal(1, emulator.RequestCount);
        Assert.Equal(10, result.Count);
    }

    [Fact]
    public async Task RerankAsync_ResultsOutOfScoreOrder_AreRepaired()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient(o => o.Retry.MaxRetryAttempts = 0);
        emulator.Faults.ShuffleNext();

        var result = await client.GetRerankClient().RerankAsync("a red bicycle", Documents(6), cancellationToken: Ct);

        Assert.Equal(result.OrderByDescending(r => r.RelevanceScore).Select(r => r.Index), result.Select(r => r.Index));
    }

    public static TheoryData<string, string> InvalidAnswers() => new()
    {
        { """{"model":"m","usage":{"total_tokens":1},"results":[{"index":0,"relevance_score":0.9},{"index":2,"relevance_score":0.1}]}""", "a result with index 2, but the request had only 2 documents" },
        { """{"model":"m","usage":{"total_tokens":1},"results":[{"index":0,"relevance_score":0.9},{"index":0,"relevance_score":0.1}]}""", "two results with index 0" },
        { """{"model":"m","usage":{"total_tokens":1},"results":[{"index":0,"relevance_score":0.9}]}""", "holds 1 results, but the request had 2 documents" },
        { """{"model":"m","usage":{"total_tokens":1},"results":[{"index":0,"relevance_score":1e999},{"index":1,"relevance_score":0.1}]}""", "not a finite number" },
        { """{"model":"m","usage":{"total_tokens":1},"results":[{"index":0,"relevance_score":"high"},{"index":1,"relevance_score":0.1}]}""", "'relevance_score' of result 0 is a JSON String" },
        { """{"model":"m","usage":{"total_tokens":-1},"results":[]}""", "'usage.total_tokens' is -1" },
        { """{"model":"m","usage":{"total_tokens":1}}""", "no 'results' array" },
        { """{"model":"m","results":[{"index":0},{"index":1,"relevance_score":0.1}]}""", "Result 0 of the rerank response has no 'relevance_score'" },
        { """{"model":"m","results":[{"index":0,"relevance_score":0.9,"embedding":[1,"x"]},{"index":1,"relevance_score":0.1}]}""", "value 1 of the embedding of result 0 is a JSON String" },
        { """{"model":"m","results":[{"index":0,"relevance_score":0.9,"embedding":[1,1e39]},{"index":1,"relevance_score":0.1}]}""", "non-finite value at position 1" },
        { """{"model":"m","results":[""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidAnswers))]
    public async Task RerankAsync_AnInvalidAnswer_IsAnInvalidResponseNamingTheProblem(string body, string message)
    {
        using var mock = new JinaMock();
        mock.RespondWith(body);
        using var client = mock.CreateJinaClient();

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.GetRerankClient().RerankAsync("q", ["a", "b"], cancellationToken: Ct));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal("https://api.jina.ai/v1/rerank", mock.Requests[0].RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task RerankAsync_TopNAnswer_MayHoldFewerResultsThanDocuments_AndADocumentObjectIsRead()
    {
        using var mock = new JinaMock();
        mock.RespondWith("""{"model":"jina-reranker-m0","usage":{"total_tokens":7},"results":[{"index":1,"relevance_score":0.5,"document":{"image":"https://x/y.png"}}]}""");
        using var client = mock.CreateJinaClient();

        var result = await client.GetRerankClient().RerankAsync("q", ["a", "b"], new RerankOptions { TopN = 1 }, Ct);

        var only = Assert.Single(result);
        Assert.Equal((1, 0.5, "https://x/y.png"), (only.Index, only.RelevanceScore, only.Document));
        Assert.Equal(7, result.TotalTokens);
    }

    [Fact]
    public async Task RerankAsync_TransientFailures_AreRetriedOnTheFakeClock_ThenSucceed()
    {
        var clock = new FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateJinaClient(o => { o.TimeProvider = clock; o.Retry.UseJitter = false; });
        emulator.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var result = await Clock.Drive(clock, client.GetRerankClient().RerankAsync("a red bicycle", Documents(3), cancellationToken: Ct));

        Assert.Equal(3, emulator.RequestCount);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public async Task RerankAsync_EveryAttemptPastTheNetworkTimeout_IsATimeoutException_AfterTheRetries()
    {
        var clock = new FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock });
        emulator.Faults.Latency = TimeSpan.FromSeconds(30);
        using var client = emulator.CreateJinaClient(o =>
        {
            o.TimeProvider = clock;
            o.NetworkTimeout = TimeSpan.FromSeconds(5);
            o.Retry.MaxRetryAttempts = 2;
            o.Retry.UseJitter = false;
        });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => Clock.Drive(clock, client.GetRerankClient().RerankAsync("q", ["d"], cancellationToken: Ct)));

        Assert.Contains("https://api.jina.ai/v1/rerank did not complete within 5 s (JinaClientOptions.NetworkTimeout)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, emulator.RequestCount);
    }

    [Fact]
    public async Task RerankAsync_AKeyEchoedInADocumentOrTheModel_IsScrubbed()
    {
        using var mock = new JinaMock();
        mock.RespondWith($$$"""{"model":"{{{JinaMock.Key}}}","results":[{"index":0,"relevance_score":0.5,"document":{"text":"leak {{{JinaMock.Key}}}"}}]}""");
        using var client = mock.CreateJinaClient();

        var result = await client.GetRerankClient().RerankAsync("q", ["d"], cancellationToken: Ct);

        Assert.Equal("***", result.Model);
        Assert.Equal("leak ***", result[0].Document);
    }

    [Fact]
    public async Task RerankAsync_APermanentError_IsAJinaApiException_NotRetried()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        emulator.Faults.FailNext(1, HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.GetRerankClient().RerankAsync("q", ["d"], cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(1, emulator.RequestCount);
    }

    [Fact]
    public async Task RerankAsync_OneRerankOperationSpan_WithItsAttemptsBeneath()
    {
        var spans = new List<Activity>();
        using var root = new ActivitySource("JinaClip.Tests.RerankRoot");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "JinaClip" or "JinaClip.Tests.RerankRoot",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var parent = root.StartActivity("test")!;
        listener.ActivityStopped = a =>
        {
            if (a.TraceId == parent.TraceId && a.Source.Name == "JinaClip")
            {
                lock (spans)
                {
                    spans.Add(a);
                }
            }
        };
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        await client.GetRerankClient().RerankAsync("a red bicycle", Documents(25), new RerankOptions { MaxDocumentsPerRequest = 10 }, Ct);

        var operation = Assert.Single(spans, s => s.GetTagItem("gen_ai.operation.name") is not null);
        Assert.Equal("rerank jina-reranker-v2-base-multilingual", operation.DisplayName);
        Assert.Equal("rerank", operation.GetTagItem("gen_ai.operation.name"));
        var attempts = spans.Where(s => s.DisplayName == "POST /v1/rerank").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(operation.SpanId, a.ParentSpanId));
    }

    [Fact]
    public async Task RerankAsync_OnAMock_OverridingTheDocumentOverload_ServesTheTextOverloadToo()
    {
        var fake = new FakeReranker();

        var result = await fake.RerankAsync("q", ["x", "y"], cancellationToken: Ct);

        Assert.Equal([1, 0], result.Select(r => r.Index));
        Assert.Equal("RankedDocument { Index = 1, RelevanceScore = 0.9 }", result[0].ToString());
    }

    [Fact]
    public async Task RerankAsync_OnAMockWithoutTheOverride_SaysWhichOverrideItNeeds()
    {
        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => new BareReranker().RerankAsync("q", ["x"], cancellationToken: Ct));

        Assert.Contains("Override RerankAsync(string, IEnumerable<EmbeddingInput>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NamesTheEndpointAndModel_NeverTheKey()
    {
        using var client = new JinaRerankClient(new JinaClientOptions { ApiKey = "jina_secret_key_for_tostring" });

        Assert.Equal("JinaRerankClient { Endpoint = https://api.jina.ai/v1/rerank, DefaultModel = jina-reranker-v2-base-multilingual }", client.ToString());
    }

    private sealed class FakeReranker : JinaRerankClient
    {
        public override Task<RerankResult> RerankAsync(string query, IEnumerable<EmbeddingInput> documents, RerankOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(JinaClipModelFactory.RerankResult(
                documents.Select((d, i) => JinaClipModelFactory.RankedDocument(i, 0.8 + (0.1 * i))).Reverse()));
    }

    private sealed class BareReranker : JinaRerankClient;
}
