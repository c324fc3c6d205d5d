namespace JinaClip.Testing.Emulator;

/// <summary>A transport-neutral request, built by the handler or the server.</summary>
internal sealed record EmulatorRequest(string Method, string Path, string? Authorization, IReadOnlyDictionary<string, string> Headers, byte[] Body);
