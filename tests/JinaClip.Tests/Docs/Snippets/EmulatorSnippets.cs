using System.Net;
using JinaClip;
using JinaClip.Testing;

namespace JinaClip.Tests.Docs.Snippets;

// The regions are the README's code verbatim, which shows user code without test cancellation tokens.
#pragma warning disable xUnit1051

/// <summary>README "Testing your code" and the JinaClip.Testing package README: these run, offline.</summary>
public sealed class EmulatorSnippets
{
    [Fact]
    public async Task PackageReadmeExample_Runs()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();              // in memory, no sockets
        var vector = await client.EmbedTextAsync("hello");
        Assert.Equal("Bearer ***", emulator.Requests[0].Headers["Authorization"]);   // recorded, key masked
        Assert.Equal(768, vector.Length);
    }

    [Fact]
    public async Task ReadmeExample_Runs()
    {
        #region emulator
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();              // an embeddings client, in memory, no sockets
        var vector = await client.EmbedTextAsync("hello");
        Assert.Equal("Bearer ***", emulator.Requests[0].Headers["Authorization"]);   // recorded, key masked
        using var jina = emulator.CreateJinaClient();            // a root client: its rerank and catalogue clients reach the emulator too
        var ranked = await jina.GetRerankClient().RerankAsync("hello", ["hello world", "a banana"]);
        using var small = emulator.CreateClient(o => o.MaxBatchSize = 2);   // any JinaClientOptions: here, 2 inputs a request
        var three = await small.EmbedAsync(["a", "b", "c"]);                  // two requests
        emulator.Faults.RejectInputsContaining("poison");  // the API rejects such an input: 422 naming it (SkipBadInputs leaves it out)

        await using var server = await JinaEmulatorServer.StartAsync();              // real HTTP on 127.0.0.1
        // Retries off, so each scripted fault is what the next call sees (with the default retries,
        // the transient ones would be retried away and the call would succeed).
        var http = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "any", Endpoint = server.BaseAddress, Retry = { MaxRetryAttempts = 0 } });

        server.Emulator.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);       // 2 calls: JinaApiException, 503
        server.Emulator.Faults.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(3)); // 429, RetryAfter 3 s
        server.Emulator.Faults.ResetNext();            // HttpRequestException
        server.Emulator.Faults.TruncateNext();         // body cut in half: HttpRequestException
        server.Emulator.Faults.DropOneEmbeddingNext(); // JinaInvalidResponseException
        server.Emulator.Faults.ShuffleNext();          // data reversed; results still in input order
        server.Emulator.Faults.InvalidJsonNext();      // JinaInvalidResponseException
        server.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(50);

        // Canned mode for benchmarks: one fixed body for every request (counted, not parsed or recorded).
        var canned = new JinaEmulator(new JinaEmulatorOptions { CannedResponse = JinaEmulator.CannedEmbeddings(512, 768) });
        #endregion
        Assert.Equal(768, vector.Length);
        Assert.Equal([0, 1], ranked.Select(r => r.Index));
        Assert.Equal("/v1/rerank", emulator.Requests[1].Path);
        Assert.Equal([0, 1, 2], three.Select(e => e.Index));
        Assert.Equal(4, emulator.RequestCount); // embed, rerank, and the two requests of three inputs at two a request
        var skipped = await small.EmbedAsync(["fine", "poison pill"], new EmbeddingOptions { SkipBadInputs = true }, TestContext.Current.CancellationToken);
        Assert.Equal(1, Assert.Single(skipped.Failures).Index);
        Assert.Equal(8, server.Emulator.Faults.Pending);
        server.Emulator.Faults.Latency = TimeSpan.Zero;
        var ct = TestContext.Current.CancellationToken;

        // Every comment above holds, call by call.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Assert.ThrowsAsync<JinaApiException>(() => http.EmbedTextAsync("a", cancellationToken: ct))).StatusCode);
        }

        var limited = await Assert.ThrowsAsync<JinaApiException>(() => http.EmbedTextAsync("a", cancellationToken: ct));
        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3)), (limited.StatusCode, limited.RetryAfter));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.EmbedTextAsync("a", cancellationToken: ct));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.EmbedTextAsync("a", cancellationToken: ct));
        await Assert.ThrowsAsync<JinaInvalidResponseException>(() => http.EmbedAsync(["a", "b"], cancellationToken: ct));
        var shuffled = await http.EmbedAsync(["first", "second"], cancellationToken: ct);
        Assert.Equal([0, 1], shuffled.Select(e => e.Index));
        Assert.Equal((await client.EmbedTextAsync("second", cancellationToken: ct)).ToArray(), shuffled[1].GetVector().ToArray());
        await Assert.ThrowsAsync<JinaInvalidResponseException>(() => http.EmbedTextAsync("a", cancellationToken: ct));
        Assert.Equal(0, server.Emulator.Faults.Pending);
        Assert.Equal(768, (await http.EmbedTextAsync("over loopback HTTP", cancellationToken: ct)).Length);
        Assert.Empty(canned.Requests);
        http.Dispose();
    }
}
