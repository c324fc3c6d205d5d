using System.Text;

namespace JinaClip.Wire;

/// <summary>
/// Removes the API key from what a server sent before the SDK stores, logs or traces it: from raw bytes before they are
/// cut to a snippet (so no part of a key straddling the cut survives), and from every string parsed out of them. A server
/// may echo the key whole, cut short, or encoded, so every run of <see cref="MinRun"/> or more of the key's characters is
/// masked, in each of the forms an echo takes: as it is, JSON-escaped (<c>\u006a\u0069…</c>, either hex case),
/// URL-encoded (<c>%6A%69…</c>, either case), and base64 (standard and URL-safe alphabets, at each of the three byte
/// alignments the key can have inside a longer encoded string, such as <c>Bearer jina_…</c>). A key shorter than
/// <see cref="MinRun"/> is masked where it appears whole.
/// </summary>
internal static class SecretScrubber
{
    public const string Mask = "***";

    /// <summary>The fewest of the key's characters (or, for base64, encoded characters) that count as an echo of it.</summary>
    public const int MinRun = 12;

    private static readonly byte[] MaskBytes = Encoding.UTF8.GetBytes(Mask);

    // The forms of the last key seen: a client has one key, so they are built once, not per string scrubbed.
    private static volatile Forms? s_last;

    /// <summary>Masks every echo of <paramref name="secret"/> in <paramref name="text"/>.</summary>
    public static string? Scrub(string? text, string secret)
    {
        if (text is null || secret.Length == 0)
        {
            return text;
        }

        var forms = FormsOf(secret);
        if (!forms.MayHoldEcho(text.AsSpan()))
        {
            return text;
        }

        var ranges = Find(text.AsSpan(), forms.Chars);
        if (ranges.Count == 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end) in ranges)
        {
            output.Append(text, at, start - at).Append(Mask);
            at = end;
        }

        return output.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Returns a copy of <paramref name="utf8"/> with every echo of <paramref name="secret"/> masked, the rest byte for byte.</summary>
    public static byte[] Scrub(ReadOnlySpan<byte> utf8, string secret)
    {
        if (secret.Length == 0)
        {
            return utf8.ToArray();
        }

        var forms = FormsOf(secret);
        if (!forms.MayHoldEcho(utf8))
        {
            return utf8.ToArray();
        }

        var ranges = Find(utf8, forms.Bytes);
        if (ranges.Count == 0)
        {
            return utf8.ToArray();
        }

        var length = utf8.Length;
        foreach (var (start, end) in ranges)
        {
            length += MaskBytes.Length - (end - start);
        }

        var output = new byte[length];
        var written = 0;
        var at = 0;
        foreach (var (start, end) in ranges)
        {
            utf8[at..start].CopyTo(output.AsSpan(written));
            written += start - at;
            MaskBytes.CopyTo(output.AsSpan(written));
            written += MaskBytes.Length;
            at = end;
        }

        utf8[at..].CopyTo(output.AsSpan(written));
        return output;
    }

    /// <summary>The ranges to mask: every maximal run of text that is part of one form and at least that form's minimum, merged.</summary>
    private static List<(int Start, int End)> Find<T>(ReadOnlySpan<T> text, (T[] Form, int MinRun)[] forms)
        where T : IEquatable<T>
    {
        var ranges = new List<(int Start, int End)>();
        foreach (var (form, minRun) in forms)
        {
            // Only a run of characters that all occur in the form can be part of it: prose (words shorter than the
            // minimum, separated by spaces) is passed over without a substring search.
            var runStart = 0;
            for (var k = 0; k <= text.Length; k++)
            {
                if (k < text.Length && form.AsSpan().IndexOf(text[k]) >= 0)
                {
                    continue;
                }

                if (k - runStart >= minRun)
                {
                    FindIn(text[runStart..k], runStart, form, minRun, ranges);
                }

                runStart = k + 1;
            }
        }

        if (ranges.Count < 2)
        {
            return ranges;
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(int Start, int End)> { ranges[0] };
        for (var r = 1; r < ranges.Count; r++)
        {
            var last = merged[^1];
            if (ranges[r].Start < last.End)
            {
                merged[^1] = (last.Start, Math.Max(last.End, ranges[r].End));
            }
            else
            {
                merged.Add(ranges[r]);
            }
        }

        return merged;
    }

    /// <summary>Adds every maximal run of <paramref name="text"/> (at <paramref name="offset"/>) that is a part of <paramref name="form"/> of at least <paramref name="minRun"/>.</summary>
    private static void FindIn<T>(ReadOnlySpan<T> text, int offset, T[] form, int minRun, List<(int Start, int End)> ranges)
        where T : IEquatable<T>
    {
        var i = 0;
        while (i <= text.Length - minRun)
        {
            if (form.AsSpan().IndexOf(text.Slice(i, minRun)) < 0)
            {
                i++;
                continue;
            }

            var end = i + minRun;
            while (end < text.Length && form.AsSpan().IndexOf(text[i..(end + 1)]) >= 0)
            {
                end++;
            }

            ranges.Add((offset + i, offset + end));
            i = end;
        }
    }

    private static Forms FormsOf(string secret)
    {
        var last = s_last;
        if (last is not null && string.Equals(last.Secret, secret, StringComparison.Ordinal))
        {
            return last;
        }

        var built = new Forms(secret);
        s_last = built;
        return built;
    }

    /// <summary>The encoded forms of one key, as characters and as UTF-8 bytes, each with the shortest run that counts.</summary>
    private sealed class Forms
    {
        public Forms(string secret)
        {
            Secret = secret;
            var run = Math.Min(MinRun, secret.Length);
            var forms = new List<(string Form, int MinRun)>
            {
                (secret, run),
                (Escaped(secret, "\\u{0:x4}"), run * 6),
                (Escaped(secret, "\\u{0:X4}"), run * 6),
            };

            var utf8 = Encoding.UTF8.GetBytes(secret);
            forms.Add((string.Concat(utf8.Select(b => $"%{b:X2}")), run * 3));
            forms.Add((string.Concat(utf8.Select(b => $"%{b:x2}")), run * 3));
            for (var skip = 0; skip < 3 && skip < utf8.Length; skip++)
            {
                // The key at any offset inside a longer encoded string: from the first whole 3-byte group on, its base64
                // does not depend on the bytes before it; the last group, padded, is how it ends an encoded string.
                var encoded = Convert.ToBase64String(utf8, skip, utf8.Length - skip);
                if (encoded.Length >= MinRun)
                {
                    forms.Add((encoded, MinRun));
                    forms.Add((encoded.Replace('+', '-').Replace('/', '_'), MinRun));
                }
            }

            Chars = [.. forms.Distinct().Select(f => (f.Form.ToCharArray(), f.MinRun))];
            _shortestRun = forms.Min(f => f.MinRun);
            foreach (var c in forms.SelectMany(f => f.Form))
            {
                if (c >= 128)
                {
                    _nonAscii = true;
                }
                else if (c < 64)
                {
                    _low |= 1UL << c;
                }
                else
                {
                    _high |= 1UL << (c - 64);
                }
            }
            Bytes = [.. forms.Distinct().Select(f => (Encoding.UTF8.GetBytes(f.Form), f.Form == secret ? Encoding.UTF8.GetByteCount(secret.ToCharArray(0, run)) : f.MinRun))];
        }

        private readonly ulong _low;
        private readonly ulong _high;
        private readonly bool _nonAscii;
        private readonly int _shortestRun;

        public string Secret { get; }

        public (char[] Form, int MinRun)[] Chars { get; }

        public (byte[] Form, int MinRun)[] Bytes { get; }

        /// <summary>
        /// The cheap first pass: an echo needs a run of at least the shortest minimum of characters that all occur in
        /// some form. Prose — words shorter than that, between spaces — has none, and is returned untouched at once.
        /// </summary>
        public bool MayHoldEcho(ReadOnlySpan<char> text)
        {
            var run = 0;
            foreach (var c in text)
            {
                run = In(c) ? run + 1 : 0;
                if (run >= _shortestRun)
                {
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc cref="MayHoldEcho(ReadOnlySpan{char})"/>
        public bool MayHoldEcho(ReadOnlySpan<byte> utf8)
        {
            var run = 0;
            foreach (var b in utf8)
            {
                run = In((char)b) ? run + 1 : 0; // a byte of 128 or more counts as any non-ASCII character
                if (run >= _shortestRun)
                {
                    return true;
                }
            }

            return false;
        }

        private bool In(char c) => c switch
        {
            < (char)64 => (_low & (1UL << c)) != 0,
            < (char)128 => (_high & (1UL << (c - 64))) != 0,
            _ => _nonAscii,
        };

        private static string Escaped(string secret, string format) =>
            string.Concat(secret.Select(c => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, (int)c)));
    }
}
