namespace JinaClip.Testing.Emulator;

/// <summary>
/// Usage the emulator reports. Text: the launch post's ≈1.1 tokens per whitespace-separated word, rounded up.
/// Images: a stand-in of one tile each (1,000 tokens; 4,000 for jina-clip-v2) until the SDK's header-reading
/// estimator is shared with the emulator.
/// </summary>
internal static class TokenCounter
{
    public static int Text(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(1, ((words * 11) + 9) / 10); // ceil(words × 1.1) in integers
    }

    public static int Image(string model) => model == JinaModels.ClipV2 ? 4000 : 1000;
}
