using System.Globalization;
using System.Text;

namespace JinaClip.Costs;

/// <summary>
/// One Unicode scalar value of a string, with its category, read the same way on every target framework (netstandard2.0
/// has no <c>System.Text.Rune</c>). A lone surrogate reads as U+FFFD, as <c>string.EnumerateRunes</c> does.
/// </summary>
internal readonly struct CodePoint
{
    private const int ReplacementCharacter = 0xFFFD;

    private CodePoint(int value, UnicodeCategory category, int index, int length)
    {
        Value = value;
        Category = category;
        Index = index;
        Length = length;
    }

    public int Value { get; }

    public UnicodeCategory Category { get; }

    /// <summary>Where the code point starts in its string.</summary>
    public int Index { get; }

    /// <summary>How many UTF-16 code units it takes: 1 or 2.</summary>
    public int Length { get; }

    /// <summary>Unicode White_Space, as <c>Rune.IsWhiteSpace</c>; no code point above the BMP is white space.</summary>
    public bool IsWhiteSpace => Value <= char.MaxValue && char.IsWhiteSpace((char)Value);

    public bool IsControl => Category == UnicodeCategory.Control;

    public bool IsPunctuation => Category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
        or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
        or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    public static IEnumerable<CodePoint> Enumerate(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                yield return new CodePoint(char.ConvertToUtf32(c, text[i + 1]), CharUnicodeInfo.GetUnicodeCategory(text, i), i, 2);
                i += 2;
            }
            else if (char.IsSurrogate(c))
            {
                yield return new CodePoint(ReplacementCharacter, UnicodeCategory.OtherSymbol, i, 1);
                i++;
            }
            else
            {
                yield return new CodePoint(c, CharUnicodeInfo.GetUnicodeCategory(c), i, 1);
                i++;
            }
        }
    }

    /// <summary>Appends this code point's UTF-16 code units, taken from <paramref name="text"/>, to <paramref name="builder"/>.</summary>
    public void AppendTo(StringBuilder builder, string text) => builder.Append(text, Index, Length);
}
