using JinaClip;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Rerank", "The model catalogue" and "Search, then rerank". Compiled, not run.</summary>
public static class RerankSnippets
{
    public static async Task Rerank(JinaEmbeddingClient client)
    {
        #region rerank
        using var reranker = new JinaRerankClient(new JinaClientOptions());        // key from JINA_API_KEY
        // or: JinaRerankClient reranker = embeddings.GetRerankClient();          // shares its HttpClient and rate limits

        RerankResult ranked = await reranker.RerankAsync("a red bicycle",
            ["a banana", "a bicycle leaning on a wall", "a red bicycle with a bell"],
            new RerankOptions { TopN = 2 });
        foreach (RankedDocument r in ranked)                                        // best first
        {
            Console.WriteLine($"{r.Index}: {r.RelevanceScore:0.000} {r.Document}"); // Index = position in your list
        }

        // Images (URL, bytes, file, stream) with the multimodal reranker:
        var photos = await reranker.RerankAsync("a red bicycle",
            [EmbeddingInput.FromImageFile("bike.jpg"), EmbeddingInput.FromImageUrl("https://example.com/banana.png")],
            new RerankOptions { Model = JinaModels.RerankerM0 });
        #endregion
    }

    public static async Task Catalogue(JinaEmbeddingClient client, TokenEstimate estimate)
    {
        #region model catalogue
        using var models = client.GetModelsClient();                     // or new JinaModelsClient(options)
        foreach (ModelInfo m in await models.GetModelsAsync())           // cached for ModelCatalogCacheDuration (1 h)
        {
            Console.WriteLine($"{m.ShortId}: {m.MaxOutputDimensions} dims, {m.ContextLength} tokens, ${m.PricePerMillionTokens}/M");
        }

        ModelInfo? clip = await models.GetModelAsync("jina-clip-v1");    // or "jina-ai/jina-clip-v1"; null if unknown
        decimal? cost = clip?.PricePerMillionTokens is { } price ? estimate.Cost(price) : null;
        #endregion
    }

    public static async Task SearchThenRerank(JinaEmbeddingClient client, VectorIndex index, IReadOnlyDictionary<string, string> photoFiles)
    {
        #region search then rerank
        // Stage 1: the vector index shortlists 20 photos; stage 2: jina-reranker-m0 orders them by the query.
        var query = await client.EmbedTextAsync("a red bicycle");
        SearchHit[] shortlist = index.Search(query.Span, k: 20);
        RerankResult best = await client.GetRerankClient().RerankAsync("a red bicycle",
            shortlist.Select(h => EmbeddingInput.FromImageFile(photoFiles[h.Id])),
            new RerankOptions { Model = JinaModels.RerankerM0, TopN = 5, ReturnDocuments = false });
        string[] top5 = [.. best.Select(r => shortlist[r.Index].Id)];
        #endregion
    }
}
