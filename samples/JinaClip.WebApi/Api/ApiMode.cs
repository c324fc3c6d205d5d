namespace JinaClip.WebApi.Api;

/// <summary>Whether the app answers from the local emulator (no API key configured) or calls the Jina API.</summary>
/// <param name="Offline"><see langword="true"/> when no key is configured and the in-process emulator answers.</param>
public sealed record ApiMode(bool Offline)
{
    /// <summary>Gets how logs and the page name the service that answers.</summary>
    public string Answerer => Offline ? "the local emulator (no API key: vectors are stand-ins, rankings are not meaningful)" : "the Jina API";
}
