namespace JinaClip.Testing.Faults;

/// <summary>The faults a request can be scripted to meet.</summary>
internal enum FaultKind
{
    None,
    Fail,
    Reset,
    Truncate,
    DropOne,
    Shuffle,
    InvalidJson,
}
