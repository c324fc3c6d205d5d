using System.Text;
using JinaClip.Tests.TestSupport;
using Microsoft.ML.Tokenizers;

namespace JinaClip.Tests.Costs;

/// <summary>The WordPiece counter against Microsoft.ML.Tokenizers' BERT tokenizer on the same vocabulary.</summary>
public class WordPieceTokenCounterTests
{
    private static readonly string[] Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "a", "the", "photo", "of", "bridge", "close", "-", "shot", "red", "dog", "un", "##believ", "##able", "##s",
        "cafe", "over", "river", "at", "night", ".", ",", "!", "?", "'", "s", "emb", "##ed", "##ding", "##dings",
        "中", "文", "jina", "clip", "##v", "1", "2", "(", ")", "x", "##x", "resume", "naive",
    ];

    private static readonly string[] Texts =
    [
        "Bridge close-shot",
        "A photo of a red dog.",
        "Unbelievable embeddings!!",
        "Café over the river, at night?",
        "  RÉSUMÉ   naïve photo ",
        "中文 jina clipv1 (x2)",
        "dog's photos",
        "completely unknown words here",
        "",
        new string('x', 150),
        "xxxx",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Count_MatchesMicrosoftMLTokenizersBert_OnTheSameVocabulary()
    {
        var counter = WordPieceTokenCounter.FromTokens(Vocabulary);
        using var vocab = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', Vocabulary) + "\n"));
        var bert = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });

        foreach (var text in Texts)
        {
            Assert.True(bert.EncodeToIds(text).Count == counter.Count(text), $"'{text}': Microsoft.ML.Tokenizers {bert.EncodeToIds(text).Count} ({string.Join(' ', bert.EncodeToTokens(text, out _).Select(t => t.Value))}), ours {counter.Count(text)}");
        }
    }

    [Fact]
    public void Count_TabsAndNewlinesSplitWords_AsInTheReferenceBert()
    {
        // Google's and Hugging Face's BERT treat \t, \n and \r as white space; Microsoft.ML.Tokenizers 2.0.1 joins
        // "naive\tphoto" into one (unknown) word. We follow the reference tokenizer the models were trained with.
        var counter = WordPieceTokenCounter.FromTokens(Vocabulary);

        Assert.Equal(2 + 2, counter.Count("naïve\tphoto"));
        Assert.Equal(2 + 2, counter.Count("naive\r\nphoto"));
    }

    [Fact]
    public void Count_IncludesClsAndSep_AndSplitsIntoPieces()
    {
        var counter = WordPieceTokenCounter.FromTokens(Vocabulary);

        Assert.Equal(2, counter.Count(string.Empty));
        Assert.Equal(2 + 3, counter.Count("unbelievable"));    // un ##believ ##able
        Assert.Equal(2 + 4, counter.Count("Bridge close-shot")); // bridge close - shot
        Assert.Equal(2 + 1, counter.Count("zzz"));              // [UNK]
    }

    [Fact]
    public async Task LoadAsync_ReadsAVocabFile_AndPlugsIntoTheEstimator()
    {
        using var file = new TempFile(Encoding.UTF8.GetBytes(string.Join("\r\n", Vocabulary)));
        var counter = await WordPieceTokenCounter.LoadAsync(file.Path, cancellationToken: Ct);
        var estimator = new TokenEstimator(new TokenEstimatorOptions { TextTokenCounter = counter.Count });

        var estimate = await estimator.EstimateAsync(["a photo of a red dog"], JinaModels.ClipV1, Ct);

        Assert.Equal(2 + 6, estimate.TotalTokens);
    }

    [Fact]
    public void FromTokens_WithoutUnk_IsRejected() =>
        Assert.Contains("no [UNK] token", Assert.Throws<InvalidDataException>(() => WordPieceTokenCounter.FromTokens(["a", "b"])).Message, StringComparison.Ordinal);
}
