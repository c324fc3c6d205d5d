using System.Buffers;
using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// One <c>POST /v1/classify</c> request: zero-shot (<c>model</c>, <c>input</c>, <c>labels</c> as a list or as named
/// groups) or few-shot (<c>classifier_id</c>, <c>input</c>), for up to one request's worth of prepared inputs.
/// </summary>
internal sealed class ClassifyCall : ApiCall
{
    /// <summary>Room per label score in the answer: the label echoed (6 bytes of JSON per UTF-16 char, for escapes) and its number.</summary>
    private const int BytesPerScore = 64;

    /// <summary>Room for <c>usage</c> and fields the API may add.</summary>
    private const int Margin = 1024 * 1024;

    /// <summary>Room per input for a few-shot answer, whose labels are not known in advance (at most 16 classes per the API).</summary>
    private const int FewShotBytesPerInput = 64 * 1024;

    public override string Operation => "classify";

    public override string ResultNoun => "classifications";

    public override string Path => "v1/classify";

    /// <summary>Gets the few-shot classifier's id, or <see langword="null"/> for a zero-shot call (which names a <see cref="ApiCall.Model"/>).</summary>
    public string? ClassifierId { get; init; }

    public required PreparedInput[] Inputs { get; init; }

    /// <summary>Gets the plain labels of a zero-shot call, or <see langword="null"/>.</summary>
    public string[]? Labels { get; init; }

    /// <summary>Gets the label groups of a zero-shot call, or <see langword="null"/>.</summary>
    public LabelGroup[]? Groups { get; init; }

    /// <summary>Gets the position of the first input in the call, added to each answer's index.</summary>
    public int Start { get; init; }

    public override int Items => Inputs.Length;

    public override long ResponseCap
    {
        get
        {
            if (ClassifierId is not null)
            {
                return Math.Min(((long)FewShotBytesPerInput * Inputs.Length) + Margin, Array.MaxLength - 1);
            }

            // Each input names its prediction(s) and scores every label, so an answer grows with inputs × label text.
            var labelBytes = 0L;
            var labelCount = 0;
            foreach (var label in AllLabels())
            {
                labelBytes += label.Length * 6L;
                labelCount++;
            }

            var perInput = 256 + (2 * labelBytes) + (labelCount * (long)BytesPerScore) + ((Groups?.Length ?? 0) * 256L);
            return Math.Min((perInput * Inputs.Length) + Margin, Array.MaxLength - 1);
        }
    }

    public override string DescribeCap() =>
        $"{Inputs.Length} classification(s){(ClassifierId is null ? $" over {AllLabels().Count()} label(s)" : " by a classifier")}";

    public override string DescribeItems() =>
        (ClassifierId is null ? $"labels: {string.Join(", ", AllLabels())} | " : $"classifier: {ClassifierId} | ") + RequestJson.DescribeInputs(Inputs);

    public override int EstimateBodySize()
    {
        var size = 256 + ((Model.Length + (ClassifierId?.Length ?? 0)) * 6L) + RequestJson.EstimateSize(Inputs, [], bytesPerChar: 6);
        foreach (var label in AllLabels())
        {
            size += 8 + (label.Length * 6L);
        }

        foreach (var group in Groups ?? [])
        {
            size += 8 + (group.Name.Length * 6L);
        }

        return (int)Math.Min(size, Array.MaxLength);
    }

    public override void WriteBody(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, RequestJson.WriterOptions);
        writer.WriteStartObject();
        if (ClassifierId is not null)
        {
            writer.WriteString("classifier_id", ClassifierId);
            RequestJson.WriteInputs(writer, "input", Inputs, textAsPlainString: true);
        }
        else
        {
            writer.WriteString("model", Model);
            RequestJson.WriteInputs(writer, "input", Inputs, textAsPlainString: true);
            if (Groups is { } groups)
            {
                writer.WriteStartObject("labels");
                foreach (var group in groups)
                {
                    WriteLabels(writer, group.Name, group.Labels);
                }

                writer.WriteEndObject();
            }
            else
            {
                WriteLabels(writer, "labels", Labels ?? []);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        var part = ClassificationReader.Read(body, this, status, apiKey);
        return new ApiResult(part, part.Model, part.Items.Length, part.TotalTokens, part.TotalTokens);
    }

    /// <summary>Gets every label sent, group after group.</summary>
    public IEnumerable<string> AllLabels() => Groups is { } groups ? groups.SelectMany(g => g.Labels) : Labels ?? [];

    private static void WriteLabels(Utf8JsonWriter writer, string name, IReadOnlyList<string> labels)
    {
        writer.WriteStartArray(name);
        foreach (var label in labels)
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
    }
}
