using System.Net;
using JinaClip.Wire;

namespace JinaClip.Embed;

/// <summary>
/// Reads an API error for the inputs it rejects: whether the error is about an input at all (a 400 or 422; never an
/// authentication, balance, rate or server error), and which inputs of the request it names, by position
/// (<c>body -> input -> 3</c>) or by the image URL it could not fetch.
/// </summary>
internal static class RejectedInputs
{
    /// <summary>Whether <paramref name="error"/> may be one input's fault, so that splitting its batch can find it.</summary>
    public static bool MayBeAnInput(JinaApiException error) =>
        error.StatusCode is HttpStatusCode.BadRequest or (HttpStatusCode)422;

    /// <summary>The places in the request the error names, or none when it names none it can be pinned on.</summary>
    public static IReadOnlyList<int> Named(JinaApiException error, PreparedInput[] request)
    {
        var named = new SortedSet<int>();
        foreach (var field in error.FieldErrors)
        {
            if (field.Field is { } path && InputPosition(path) is { } place && place < request.Length)
            {
                named.Add(place);
            }
        }

        var text = error.Detail ?? error.Message;
        for (var i = 0; i < request.Length && named.Count == 0; i++)
        {
            if (request[i].Kind == EmbeddingInputKind.ImageUrl && request[i].Value is { Length: > 0 } url && text.Contains(url, StringComparison.Ordinal))
            {
                named.Add(i);
            }
        }

        return [.. named];
    }

    /// <summary>The number after the segment <c>input</c> of a field path (<c>body -> input -> 3 -> image</c>, <c>input[3]</c>, <c>input.3</c>).</summary>
    private static int? InputPosition(string path)
    {
        var segments = path.Split(["->", ".", "[", "]", " "], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (segments[i] == "input"
                && int.TryParse(segments[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var place))
            {
                return place;
            }
        }

        return null;
    }
}
