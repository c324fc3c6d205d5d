using System.Globalization;
using System.Text;
using JinaClip.Costs;

namespace JinaClip;

/// <summary>
/// Exact text token counts for BERT-family models (the jina-clip and jina-embeddings-v2 text towers) from the model's
/// own <c>vocab.txt</c>: BERT's basic tokenisation (clean-up, optional lower-casing and accent stripping, splitting on
/// white space, punctuation and CJK characters), then greedy longest-match WordPiece with <c>##</c> continuations, plus
/// the <c>[CLS]</c> and <c>[SEP]</c> tokens the API counts. It gives the same counts as Microsoft.ML.Tokenizers'
/// <c>BertTokenizer</c> (the tests check), without the dependency. Plug it in with
/// <c>new TokenEstimatorOptions { TextTokenCounter = counter.Count }</c>.
/// </summary>
public sealed class WordPieceTokenCounter
{
    private const int MaxWordChars = 100;
    private readonly HashSet<string> _vocabulary;
    private readonly bool _lowerCase;

    private WordPieceTokenCounter(HashSet<string> vocabulary, bool lowerCase)
    {
        _vocabulary = vocabulary;
        _lowerCase = lowerCase;
    }

    /// <summary>Gets the number of special tokens added to every text (<c>[CLS]</c> and <c>[SEP]</c>).</summary>
    public int SpecialTokens { get; init; } = 2;

    /// <summary>Loads a vocabulary: one token per line, as in a BERT <c>vocab.txt</c>.</summary>
    /// <param name="vocabularyPath">The path of <c>vocab.txt</c>.</param>
    /// <param name="lowerCase">Whether the model lower-cases and strips accents first (uncased models).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds no tokens or lacks <c>[UNK]</c>.</exception>
    public static async Task<WordPieceTokenCounter> LoadAsync(string vocabularyPath, bool lowerCase = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabularyPath);
        var lines = await File.ReadAllLinesAsync(vocabularyPath, cancellationToken).ConfigureAwait(false);
        return FromTokens(lines, lowerCase);
    }

    /// <summary>Builds a counter from vocabulary tokens.</summary>
    /// <param name="tokens">The vocabulary, one token per entry (trailing white space is ignored).</param>
    /// <param name="lowerCase">Whether the model lower-cases and strips accents first.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="InvalidDataException">The vocabulary is empty or lacks <c>[UNK]</c>.</exception>
    public static WordPieceTokenCounter FromTokens(IEnumerable<string> tokens, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var vocabulary = new HashSet<string>(tokens.Select(t => t.TrimEnd()).Where(t => t.Length > 0), StringComparer.Ordinal);
        if (!vocabulary.Contains("[UNK]"))
        {
            throw new InvalidDataException("The vocabulary has no [UNK] token; is it a BERT vocab.txt?");
        }

        return new WordPieceTokenCounter(vocabulary, lowerCase);
    }

    /// <summary>Counts the tokens the model would see for <paramref name="text"/>, special tokens included.</summary>
    /// <param name="text">The text.</param>
    /// <returns>WordPiece tokens plus <see cref="SpecialTokens"/>.</returns>
    public long Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = SpecialTokens;
        foreach (var word in BasicTokens(text))
        {
            count += WordPieces(word);
        }

        return count;
    }

    private int WordPieces(string word)
    {
        if (word.Length > MaxWordChars)
        {
            return 1; // [UNK]
        }

        var pieces = 0;
        for (var start = 0; start < word.Length;)
        {
            var end = word.Length;
            string? match = null;
            for (; end > start; end--)
            {
                var piece = start == 0 ? word[start..end] : "##" + word[start..end];
                if (_vocabulary.Contains(piece))
                {
                    match = piece;
                    break;
                }
            }

            if (match is null)
            {
                return 1; // the whole word becomes [UNK]
            }

            pieces++;
            start = end;
        }

        return pieces;
    }

    private IEnumerable<string> BasicTokens(string text)
    {
        var word = new StringBuilder();
        var cleaned = Clean(text);
        foreach (var point in CodePoint.Enumerate(cleaned))
        {
            if (point.IsWhiteSpace)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else if (IsPunctuation(point) || IsCjk(point.Value))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                yield return cleaned.Substring(point.Index, point.Length);
            }
            else
            {
                point.AppendTo(word, cleaned);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private string Clean(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var point in CodePoint.Enumerate(text))
        {
            if (point.Value == 0 || point.Value == 0xFFFD || (point.IsControl && point.Value is not ('\t' or '\n' or '\r')))
            {
                continue;
            }

            if (point.IsWhiteSpace)
            {
                cleaned.Append(' ');
            }
            else
            {
                point.AppendTo(cleaned, text);
            }
        }

        var result = cleaned.ToString();
        if (!_lowerCase)
        {
            return result;
        }

        var decomposed = result.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var stripped = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                stripped.Append(c);
            }
        }

        return stripped.ToString();
    }

    private static bool IsPunctuation(CodePoint point) =>
        point.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126) || point.IsPunctuation;

    private static bool IsCjk(int c) =>
        c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
