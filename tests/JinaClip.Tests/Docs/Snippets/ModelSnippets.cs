using System.Text.Json;
using JinaClip;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace JinaClip.Tests.Docs.Snippets;

// The code follows the README's examples, which show user code without test cancellation tokens.
#pragma warning disable xUnit1051

/// <summary>The README's "Beyond the model table" and fake-client examples, run offline against a mock and as a fake.</summary>
public sealed class ModelSnippets
{
    sealed class FakeClient : JinaEmbeddingClient   // the protected constructor: no key, no HTTP
    {
        public override Task<JinaEmbeddingCollection> EmbedAsync(
            IEnumerable<EmbeddingInput> inputs, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
        {
            var embeddings = inputs.Select((_, i) => JinaClipModelFactory.Embedding(i, new float[] { i, 1 }));
            return Task.FromResult(JinaClipModelFactory.EmbeddingCollection(
                embeddings, options?.Model ?? DefaultModel, JinaClipModelFactory.EmbeddingUsage(totalTokens: 10)));
        }
    }

    [Fact]
    public async Task FakeClient_ServesEveryCallShape()
    {
        using var fake = new FakeClient();

        var single = await fake.EmbedTextAsync("b");
        var both = await fake.EmbedAsync(["a", "b"]);
        using var generator = fake.AsEmbeddingGenerator();
        var generated = await generator.GenerateAsync(["a", "b", "c"]);

        Assert.Equal(new float[] { 0, 1 }, single.ToArray());
        Assert.Equal(new float[] { 1, 1 }, both[1].GetVector().ToArray());
        Assert.Equal(10, both.Usage.TotalTokens);
        Assert.Equal(3, generated.Count);
        Assert.Equal(new float[] { 2, 1 }, generated[2].Vector.ToArray());
    }

    [Fact]
    public async Task RawFields_ReachTheWireVerbatim_WithValidationOff()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json(Responses.Base64Body("jina-clip-v2", [Responses.Vector(4, 1)])));
        var httpClient = mock.HttpClient;

        using var client = new JinaEmbeddingClient(httpClient, new JinaClientOptions { ApiKey = "jina_...", ValidateRequests = false });
        var options = new EmbeddingOptions
        {
            Model = JinaModels.ClipV2,
            Task = JinaTasks.TextMatching,   // not in the SDK's table for jina-clip-v2: sent anyway, the server decides
            AdditionalRequestFields = new Dictionary<string, JsonElement>
            {
                ["return_multivector"] = JsonDocument.Parse("false").RootElement.Clone(),   // written verbatim
            },
        };
        JinaEmbeddingCollection result = await client.EmbedAsync(["a text"], options);

        Assert.Equal(
            """{"model":"jina-clip-v2","input":[{"text":"a text"}],"embedding_type":"base64","task":"text-matching","return_multivector":false}""",
            mock.LastBody);
        Assert.Single(result);
    }
}
