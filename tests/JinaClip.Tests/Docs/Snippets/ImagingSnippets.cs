using JinaClip;
using JinaClip.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Cutting image costs". Compiled, not run (the NetStandard suite leaves it out: it needs JinaClip.Imaging).</summary>
public static class ImagingSnippets
{
    public static async Task Downscale(IServiceCollection services, IConfiguration configuration)
    {
        #region downscaling
        // dotnet add package JinaClip.Imaging
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ImagePreprocessor = new SkiaImageDownscaler() });
        var photo = await client.EmbedAsync([EmbeddingInput.FromImageFile("IMG_4032.jpg")]);   // 4000×3000: 2,000 tokens, not 252,000

        // With DI, one call after AddJinaClient (CenterCrop: 1 tile, if the server crops as the model's preprocessing does):
        services.AddJinaClient(configuration).AddImageDownscaling(o => o.Mode = DownscaleMode.CenterCrop);

        // Before sending anything: what each image costs as given and as it would be sent.
        var estimator = new TokenEstimator(new TokenEstimatorOptions { ImagePreprocessor = new SkiaImageDownscaler() });
        TokenEstimate estimate = await estimator.EstimateAsync([EmbeddingInput.FromImageFile("IMG_4032.jpg")], JinaModels.ClipV1);
        Console.WriteLine($"{estimate.OriginalTotalTokens:N0} → {estimate.TotalTokens:N0} tokens ({estimate.SavedTokens:N0} saved)");
        #endregion
    }
}
