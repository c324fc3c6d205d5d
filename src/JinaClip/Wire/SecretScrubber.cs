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
        var output = new List<byte>(utf8.Length);
        while (true)
        {
            var at = utf8.IndexOf(needle);
            if (at < 0)
            {
                output.AddRange(utf8.ToArray());
                return [.. output];
            }

            output.AddRange(utf8[..at].ToArray());
            output.AddRange(mask);
            utf8 = utf8[(at + needle.Length)..];
        }
    }
}
