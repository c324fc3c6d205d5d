using JinaClip;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Similarity and search". Compiled, not run (it writes a file to the working directory).</summary>
public static class SearchSnippets
{
    public static async Task IndexAndSearch(JinaEmbedding a, JinaEmbedding b, JinaEmbedding imageEmbedding, JinaEmbedding queryEmbedding)
    {
        #region similarity and search
        float cosine = VectorMath.CosineSimilarity(a.GetVector().Span, b.GetVector().Span); // also DotProduct, EuclideanDistance, Normalize

        var index = new VectorIndex(dimensions: 768);           // ids -> vectors in one contiguous buffer
        index.Add("photo-1.jpg", imageEmbedding);
        SearchHit[] top = index.Search(queryEmbedding, k: 5);  // best first; ties by storage order
        await using (var file = File.Create("photos.jcix"))
        {
            await index.SaveAsync(file);
        }

        await using var saved = File.OpenRead("photos.jcix");
        var again = await VectorIndex.LoadAsync(saved, expectedDimensions: 768);
        #endregion
    }
}
