using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>Turns the values a generator is given into inputs, refusing anything that is not text or an image before sending.</summary>
internal static class ContentInputs
{
    public static EmbeddingInput FromText(string value, int index, string paramName) =>
        value is null ? throw Null(index, paramName) : EmbeddingInput.FromText(value);

    public static EmbeddingInput FromData(DataContent value, int index, string paramName) =>
        value is null ? throw Null(index, paramName) : Image(value, index, paramName);

    /// <summary><see cref="TextContent"/> → text, <see cref="DataContent"/> → image bytes, <see cref="UriContent"/> → image URL.</summary>
    public static EmbeddingInput FromContent(AIContent value, int index, string paramName) => value switch
    {
        null => throw Null(index, paramName),
        TextContent text => EmbeddingInput.FromText(text.Text),
        DataContent data => Image(data, index, paramName),
        UriContent uri when uri.HasTopLevelMediaType("image") => EmbeddingInput.FromImageUrl(uri.Uri),
        UriContent uri => throw new ArgumentException(
            $"Value {index} is a UriContent with media type '{uri.MediaType}'; only image/* URLs can be embedded.", paramName),
        _ => throw new ArgumentException(
            $"Value {index} is a {value.GetType().Name}; the Jina generator embeds TextContent, DataContent (image/*) and UriContent (image/*).", paramName),
    };

    private static EmbeddingInput Image(DataContent data, int index, string paramName) => data.HasTopLevelMediaType("image")
        ? EmbeddingInput.FromImageBytes(data.Data)
        : throw new ArgumentException($"Value {index} has media type '{data.MediaType}'; only image/* can be embedded as an image.", paramName);

    private static ArgumentException Null(int index, string paramName) => new($"Value {index} is null.", paramName);
}
