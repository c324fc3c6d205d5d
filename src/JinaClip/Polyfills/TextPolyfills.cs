#if NETSTANDARD2_0
using System.Text;

namespace JinaClip.Polyfills;

/// <summary>The <see cref="string"/> and <see cref="Encoding"/> overloads that netstandard2.0 lacks.</summary>
internal static class TextPolyfills
{
    public static bool EndsWith(this string text, char value) => text.Length > 0 && text[text.Length - 1] == value;

    /// <summary>Ordinal only, which is all this library uses.</summary>
    public static string Replace(this string text, string oldValue, string newValue, StringComparison comparison)
    {
        if (comparison != StringComparison.Ordinal)
        {
            throw new NotSupportedException("Only StringComparison.Ordinal is polyfilled.");
        }

        return text.Replace(oldValue, newValue);
    }

    /// <summary>Copies: only error snippets and four-byte box names are decoded this way.</summary>
    public static string GetString(this Encoding encoding, ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? string.Empty : encoding.GetString(bytes.ToArray());
}
#endif
