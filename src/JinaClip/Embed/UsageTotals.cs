namespace JinaClip.Embed;

/// <summary>Sums usage across batches; a count stays missing only when no batch reported it.</summary>
internal sealed class UsageTotals
{
    private readonly object _gate = new();
    private long? _total;
    private long? _prompt;
    private long? _image;

    public long TotalTokens
    {
        get
        {
            lock (_gate)
            {
                return _total ?? 0;
            }
        }
    }

    public void Add(EmbeddingUsage usage)
    {
        lock (_gate)
        {
            _total = Add(_total, usage.TotalTokens);
            _prompt = Add(_prompt, usage.PromptTokens);
            _image = Add(_image, usage.ImageTokens);
        }
    }

    public EmbeddingUsage ToUsage()
    {
        lock (_gate)
        {
            return new EmbeddingUsage(_total, _prompt, _image);
        }
    }

    private static long? Add(long? sum, long? value) => value is { } v ? (sum ?? 0) + v : sum;
}
