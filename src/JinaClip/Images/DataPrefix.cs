using System.Text;

namespace JinaClip.Images;

/// <summary>Describes what data starts with, one way for every message: hex bytes, then the printable characters.</summary>
internal static class DataPrefix
{
    /// <summary>The most bytes shown.</summary>
    public const int ShownBytes = 16;

    /// <summary>"it is empty", or "its data starts 3C 21 44 4F 43 54 59 50 ("&lt;!DOCTYP")".</summary>
    public static string Describe(ReadOnlySpan<byte> data)
    {
        var shown = data[..Math.Min(data.Length, ShownBytes)];
        if (shown.IsEmpty)
        {
            return "it is empty";
        }

        var hex = new StringBuilder(shown.Length * 3);
        var printable = new StringBuilder(shown.Length);
        foreach (var b in shown)
        {
            hex.Append(hex.Length == 0 ? string.Empty : " ").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            printable.Append(b is >= 0x20 and < 0x7F && b != (byte)'"' ? (char)b : '.');
        }

        return $"its data starts {hex} (\"{printable}\")";
    }
}
