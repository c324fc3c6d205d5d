using System.Globalization;

namespace JinaClip.Cli;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place with a carriage return after each batch. Reports arrive from
/// the client's batches, so drawing is synchronous and locked.
/// </summary>
internal sealed class ProgressBar(TextWriter stderr, int total) : IProgress<EmbeddingProgress>
{
    private const int Width = 30;
    private readonly Lock _gate = new();
    private bool _drawn;

    public void Report(EmbeddingProgress value)
    {
        lock (_gate)
        {
            stderr.Write('\r');
            stderr.Write(Render(value, total));
            _drawn = true;
        }
    }

    /// <summary>Ends the bar's line, if one was drawn.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                stderr.WriteLine();
                _drawn = false;
            }
        }
    }

    public static string Render(EmbeddingProgress value, int total)
    {
        var fraction = total == 0 ? 1 : Math.Clamp((double)value.InputsCompleted / total, 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:0}% {value.InputsCompleted}/{total} inputs, {value.TokensUsed:N0} tokens, {value.Retries} retries");
    }
}
