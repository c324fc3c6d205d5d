namespace JinaClip.Costs;

/// <summary>
/// The quick estimate used to pack batches and feed the tokens-per-minute limiter: ⌈1.1 × words⌉ per text (the launch
/// post's rule), and one image tile per image (the model's tile price from the model table; 1,000 tokens for a model it does not
/// know), since sizes are not read here.
/// </summary>
internal static class RoughTokenEstimator
{
    public static int Estimate(EmbeddingInput input, string model) =>
        input.IsImage ? ImageTile(model) : Text(input.Value!);

    public static int Text(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                words++;
            }

            inWord = !space;
        }

        return Math.Max(1, ((words * 11) + 9) / 10);
    }

    private static int ImageTile(string model) =>
        Models.ModelCatalog.Find(model)?.RoughImageTokens ?? Models.ModelSpec.DefaultImageTileTokens;
}
