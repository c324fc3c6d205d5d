namespace JinaClip.Testing.Emulator;

/// <summary>One entry of a 422 body's <c>errors</c>.</summary>
internal sealed record FieldError(string Field, string Message, string Type, string? Input = null);
