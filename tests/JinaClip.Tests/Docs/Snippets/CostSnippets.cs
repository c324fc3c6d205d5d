using JinaClip;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Cost estimation". Compiled, not run (it reads photo.heic from the working directory).</summary>
public static class CostSnippets
{
    public static async Task Estimate()
    {
        #region cost estimation
        ImageSize size = await ImageHeaderReader.ReadFileAsync("photo.heic");      // header bytes only; also Read(bytes),
                                                                                    // ReadAsync(stream), ReadUrlAsync(uri)
        var estimator = new TokenEstimator();
        TokenEstimate estimate = await estimator.EstimateAsync(
            ["a red dog", EmbeddingInput.FromImageFile("photo.heic")], JinaModels.ClipV1);
        Console.WriteLine($"{estimate.TotalTokens:N0} tokens, ${estimate.Cost(0.05m)}");

        using var guarded = new JinaEmbeddingClient(new JinaClientOptions { MaxEstimatedTokensPerCall = 50_000 });
        // a call estimated above 50,000 tokens throws JinaTokenBudgetException (estimate and limit in the message), unsent
        #endregion
    }
}
