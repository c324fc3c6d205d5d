namespace JinaClip.Testing.Emulator;

/// <summary>What the transport must do: answer, cut the body short, or reset the connection.</summary>
internal enum TransportAction
{
    Respond,
    TruncateBody,
    ResetConnection,
}

/// <summary>A transport-neutral response.</summary>
internal sealed record EmulatorResponse(
    int Status, byte[] Body, TransportAction Action = TransportAction.Respond, TimeSpan? RetryAfter = null, IReadOnlyDictionary<string, string>? Headers = null);
