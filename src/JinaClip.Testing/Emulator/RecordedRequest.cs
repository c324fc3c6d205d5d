namespace JinaClip.Testing;

/// <summary>A request the emulator received. The Bearer key is replaced by <c>***</c>.</summary>
/// <param name="Method">Gets the HTTP method.</param>
/// <param name="Path">Gets the request path.</param>
/// <param name="Headers">Gets the request headers (content headers included), the key masked.</param>
/// <param name="Body">Gets the body as UTF-8 text.</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
