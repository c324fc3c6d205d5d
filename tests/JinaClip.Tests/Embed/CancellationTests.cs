using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Embed;

/// <summary>However a large call is cancelled, no task exception is left unobserved.</summary>
[Collection(nameof(UnobservedTaskTests))]
public class CancellationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task EmbedAsync_CancelledWhileBatchesRun_LeavesNoUnobservedTaskException(int cancelAtRequest)
    {
        var unobserved = await UnobservedTasks.DuringAsync(async () =>
        {
            using var cts = new CancellationTokenSource();
            var counting = new CancellingHandler(new JinaEmulatorHandler(new JinaEmulator()), cancelAtRequest, cts);
            using var client = new JinaEmbeddingClient(new HttpClient(counting), new JinaClientOptions { ApiKey = "k", MaxBatchSize = 2, MaxConcurrency = 4 });
            var inputs = Enumerable.Range(0, 40).Select(i => (EmbeddingInput)$"text {i}").ToArray();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.EmbedAsync(inputs, cancellationToken: cts.Token));
        });

        Assert.Empty(unobserved);
    }

    private sealed class CancellingHandler(HttpMessageHandler inner, int cancelAt, CancellationTokenSource cts) : DelegatingHandler(inner)
    {
        private int _seen;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _seen) == cancelAt)
            {
                await cts.CancelAsync();
            }

            await Task.Yield();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
