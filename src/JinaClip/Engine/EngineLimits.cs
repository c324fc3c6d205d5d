namespace JinaClip.Engine;

/// <summary>How many parts of one run may be in flight, and how many started but not yet handed out.</summary>
/// <param name="MaxConcurrency">The most parts running at once.</param>
/// <param name="MaxHeld">The most parts started but not yet handed out (bounds a stream's memory).</param>
internal readonly record struct EngineLimits(int MaxConcurrency, int MaxHeld);
