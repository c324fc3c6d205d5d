namespace JinaClip.Testing.Emulator;

/// <summary>One input item of a valid request: a text, an image URL, or decoded image bytes.</summary>
internal sealed record ParsedInput(bool IsImage, string? Text, string? ImageUrl, byte[]? ImageBytes);
