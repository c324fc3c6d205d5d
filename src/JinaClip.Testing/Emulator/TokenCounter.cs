namespace JinaClip.Testing.Emulator;

/// <summary>
/// Usage the emulator reports, from the SDK's own estimator so the two agree: texts ⌈1.1 × words⌉; an image sent as
/// bytes costs its tiles under the model's rule (size read from its header: 750×500 on jina-clip-v1 is 4×3 tiles =
/// 12,000 tokens). Image URLs cannot be fetched offline, and bytes that are not a readable image header (test
/// stand-ins) cost one tile.
/// </summary>
internal static class TokenCounter
{
    private static readonly TokenEstimator Estimator = new();
    private static readonly TokenEstimatorOptions Rules = new();

    public static int Text(string text) => (int)Estimator.EstimateText(text);

    public static int Image(string model, byte[]? bytes)
    {
        if (!Rules.ImageRules.TryGetValue(model, out var rule))
        {
            return 1000;
        }

        if (bytes is not null)
        {
            try
            {
                var size = ImageHeaderReader.Read(bytes);
                return (int)Math.Min(int.MaxValue, rule.Tokens(size.Width, size.Height));
            }
            catch (JinaImageHeaderException)
            {
                // Not an image the header reader knows: charge one tile, as for a URL.
            }
        }

        return (int)Math.Min(int.MaxValue, rule.TokensPerTile);
    }

    /// <summary>The tokens of one input: its words, or its image's tiles.</summary>
    public static int Of(string model, ParsedInput input) => input.IsImage ? Image(model, input.ImageBytes) : Text(input.Text!);
}
