using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Rerank;

/// <summary>A split rerank call that fails part-way: the failure is the call's, and no task exception goes unobserved.</summary>
[Collection(nameof(UnobservedTaskTests))]
public class RerankFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Documents(int count) => [.. Enumerable.Range(0, count).Select(i => $"document number {i}")];

    [Fact]
    public async Task RerankAsync_OneRequestOfASplitCallFails_ThatFailureIsThrown_AndNoTaskExceptionGoesUnobserved()
    {
        var unobserved = await UnobservedTasks.DuringAsync(async () =>
        {
            var emulator = new JinaEmulator();
            using var client = emulator.CreateJinaClient(o => { o.MaxConcurrency = 1; o.Retry.MaxRetryAttempts = 0; });
            emulator.Faults.PassNext();
            emulator.Faults.FailNext(1, HttpStatusCode.BadRequest);

            var ex = await Assert.ThrowsAsync<JinaApiException>(() =>
                client.GetRerankClient().RerankAsync("q", Documents(30), new RerankOptions { MaxDocumentsPerRequest = 10 }, Ct));

            Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
            Assert.Equal(2, emulator.RequestCount); // the third request is never sent
        });

        Assert.Empty(unobserved);
    }
}
