namespace JinaClip.Cli;

/// <summary>
/// What one command's run learned that its error handler needs: whether it used the offline emulator. One instance
/// per run (set by <see cref="CliApp.Guard"/>, flowed to the command through an <see cref="AsyncLocal{T}"/>), so runs
/// in parallel (the tests) do not share it.
/// </summary>
internal sealed class CommandRun
{
    public static readonly AsyncLocal<CommandRun?> Current = new();

    public bool Offline { get; set; }
}
