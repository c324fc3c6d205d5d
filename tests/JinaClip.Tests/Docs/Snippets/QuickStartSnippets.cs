using JinaClip;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Quick start" and the JinaClip package README. Compiled, not run: it calls the real API.</summary>
public static class QuickStartSnippets
{
    public static async Task LaunchExample()
    {
        #region quick start
        using var client = new JinaEmbeddingClient(Environment.GetEnvironmentVariable("JINA_API_KEY")!);

        JinaEmbeddingCollection result = await client.EmbedAsync(
        [
            "Bridge close-shot",
            EmbeddingInput.FromImageUrl("https://fastly.picsum.photos/id/84/1280/848.jpg?hmac=YFRYDI4UsfbeTzI8ZakNOR98wVU7a-9a2tGF542539s"),
        ]);

        float cosine = VectorMath.CosineSimilarity(result[0], result[1]);
        Console.WriteLine($"{result[0].Dimensions} / {result[1].Dimensions} dims, cosine {cosine:0.000}, {result.Usage.TotalTokens} tokens");
        #endregion
    }

    public static void BuildingAClient(HttpClient httpClient, JinaClientOptions options)
    {
        #region building a client
        using var withKey = new JinaEmbeddingClient("jina_...");                          // a key alone
        using var fromEnvironment = new JinaEmbeddingClient(new JinaClientOptions { DefaultModel = JinaModels.ClipV2 }); // key from JINA_API_KEY
        using var onYourHttpClient = new JinaEmbeddingClient(httpClient, options);        // your HttpClient (IHttpClientFactory)
        #endregion
    }
}
