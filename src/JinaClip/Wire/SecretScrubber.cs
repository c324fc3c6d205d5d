using System.Text;

namespace JinaClip.Wire;

/// <summary>
/// Removes the API key from what a server sent before the SDK stores, logs or traces it: from raw bytes before they are
/// cut to a snippet (so no part of a key straddling the cut survives), and from every string parsed out of them.
/// </summary>
internal static class SecretScrubber
{
    public const string Mask = "***";

    /// <summary>Replaces every occurrence of <paramref name="secret"/> in <paramref name="text"/>.</summary>
    public static string? Scrub(string? text, string secret) =>
        text is null || secret.Length == 0 ? text : text.Replace(secret, Mask, StringComparison.Ordinal);

    /// <summary>Returns a copy of <paramref name="utf8"/> with every UTF-8 occurrence of <paramref name="secret"/> replaced.</summary>
    public static byte[] Scrub(ReadOnlySpan<byte> utf8, string secret)
    {
        if (secret.Length == 0)
        {
            return utf8.ToArray();
        }

        var needle = Encoding.UTF8.GetBytes(secret);
        var mask = Encoding.UTF8.GetBytes(Mask);
        var count = 0;
        for (var rest = utf8; rest.IndexOf(needle) is var at and >= 0; rest = rest[(at + needle.Length)..])
        {
            count++;
        }

        if (count == 0)
        {
            return utf8.ToArray();
        }

        var output = new byte[utf8.Length + (count * (mask.Length - needle.Length))];
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var at = utf8.IndexOf(needle);
            utf8[..at].CopyTo(output.AsSpan(written));
            written += at;
            mask.CopyTo(output.AsSpan(written));
            written += mask.Length;
            utf8 = utf8[(at + needle.Length)..];
        }

        utf8.CopyTo(output.AsSpan(written));
        return output;
    }
}
