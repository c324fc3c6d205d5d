namespace JinaClip;

/// <summary>One field error of a 422 validation response.</summary>
/// <param name="Field">Gets the field's path, e.g. <c>body -> jina-clip-v1 -> task</c>.</param>
/// <param name="Message">Gets what is wrong with it.</param>
/// <param name="Type">Gets the machine-readable error type, e.g. <c>extra_forbidden</c>.</param>
public sealed record JinaFieldError(string? Field, string? Message, string? Type);
