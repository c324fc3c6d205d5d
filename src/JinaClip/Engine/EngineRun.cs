namespace JinaClip.Engine;

/// <summary>What one run of the engine counts: the parts it started, in the order the source gave them.</summary>
internal class EngineRun
{
    /// <summary>Gets the number of parts started.</summary>
    public int Launched { get; internal set; }
}
