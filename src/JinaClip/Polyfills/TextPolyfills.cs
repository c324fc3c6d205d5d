#if NETSTANDARD2_0
using System.Text;

namespace JinaClip.Polyfills;

/// <summary>The span and char overloads of <see cref="string"/>, <see cref="StringBuilder"/> and <see cref="Encoding"/> that netstandard2.0 lacks.</summary>
internal static class TextPolyfills
{
    public static bool EndsWith(this string text, char value) => text.Length > 0 && text[text.Length - 1] == value;

    public static bool StartsWith(this string text, char value) => text.Length > 0 && text[0] == value;

    public static bool Contains(this string text, char value) => text.IndexOf(value) >= 0;

    /// <summary>Ordinal only, which is all this library uses.</summary>
    public static string Replace(this string text, string oldValue, string newValue, StringComparison comparison)
    {
        if (comparison != StringComparison.Ordinal)
        {
            throw new NotSupportedException("Only StringComparison.Ordinal is polyfilled.");
        }

        return text.Replace(oldValue, newValue);
    }

    public static StringBuilder Append(this StringBuilder builder, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            builder.Append(c);
        }

        return builder;
    }

    /// <summary>Copies: only error snippets and four-byte box names are decoded this way.</summary>
    public static string GetString(this Encoding encoding, ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? string.Empty : encoding.GetString(bytes.ToArray());
}
#endif
