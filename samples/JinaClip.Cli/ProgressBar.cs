using System.Globalization;

namespace JinaClip.Cli;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place with a carriage return after each batch and, where the command
/// counts them (<c>search</c>), after each input read. Reports arrive from the client's batches, so drawing is
/// synchronous and locked. When stderr is the console and it is redirected (a log file, a CI job), no frames are drawn:
/// only the last state, once, at the end, so a log holds one line instead of a run of carriage returns.
/// </summary>
internal sealed class ProgressBar(TextWriter stderr, int total, string unit = "inputs") : IProgress<EmbeddingProgress>
{
    private const int Width = 30;
    private readonly Lock _gate = new();
    private EmbeddingProgress _last = JinaClipModelFactory.EmbeddingProgress();
    private int? _read;
    private bool _drawn;
    private readonly bool _frames = !(ReferenceEquals(stderr, Console.Error) && Console.IsErrorRedirected);

    public void Report(EmbeddingProgress value)
    {
        lock (_gate)
        {
            _last = value;
            Draw();
        }
    }

    /// <summary>Counts one more input read (and checked) from the source, ahead of its batch being sent.</summary>
    public void Read()
    {
        lock (_gate)
        {
            _read = (_read ?? 0) + 1;
            Draw();
        }
    }

    /// <summary>Ends the bar's line, if one was drawn.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (!_frames && _last.InputsCompleted > 0)
            {
                stderr.WriteLine(Render(_last, total, unit, _read));
            }
            else if (_drawn)
            {
                stderr.WriteLine();
                _drawn = false;
            }
        }
    }

    public static string Render(EmbeddingProgress value, int total, string unit = "inputs", int? read = null)
    {
        var fraction = total == 0 ? 1 : Math.Clamp((double)value.InputsCompleted / total, 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        var reading = read is { } r ? $" embedded ({r} read)" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:0}% {value.InputsCompleted}/{total} {unit}{reading}, {value.TokensUsed:N0} tokens, {value.Retries} retries");
    }

    private void Draw()
    {
        if (!_frames)
        {
            return;
        }

        stderr.Write('\r');
        stderr.Write(Render(_last, total, unit, _read));
        _drawn = true;
    }
}
