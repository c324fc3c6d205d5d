namespace JinaClip.Wire;

/// <summary>
/// The most bytes a success response to one request can legitimately hold: every input's vector written in the widest
/// form the reader accepts (a JSON array of floats), plus room for each item's own fields and a generous margin. A
/// response past it is refused, so a hostile or broken server cannot make the client buffer without bound.
/// </summary>
internal static class ResponseLimit
{
    /// <summary>The vector length assumed when the request does not fix it (a model the SDK does not know).</summary>
    public const int UnknownDimensions = 8192;

    /// <summary>Bytes per float in the widest JSON form, e.g. <c>-1.23456789E-05, </c> with room to spare.</summary>
    private const int BytesPerFloat = 32;

    /// <summary>Bytes per packed binary value, e.g. <c>-128, </c> with room to spare.</summary>
    private const int BytesPerPackedByte = 8;

    /// <summary>Room for an item's <c>object</c>, <c>index</c> and other fields.</summary>
    private const int BytesPerItem = 1024;

    /// <summary>Room for <c>model</c>, <c>usage</c>, and fields the API may add.</summary>
    private const int Margin = 1024 * 1024;

    public static long For(EmbeddingRequest request)
    {
        var dimensions = (long)(request.ExpectedDimensions ?? UnknownDimensions);
        var perVector = request.IsBinary ? ((dimensions + 7) / 8 * BytesPerPackedByte) : dimensions * BytesPerFloat;
        var limit = ((perVector + BytesPerItem) * request.Inputs.Length) + Margin;
        return Math.Min(limit, Array.MaxLength - 1);
    }

    /// <summary>Says what <see cref="For"/> allows for, for the message of a response past the cap.</summary>
    public static string Describe(EmbeddingRequest request) =>
        $"{request.Inputs.Length} embedding(s) of {(request.ExpectedDimensions is { } d ? $"{d}" : $"up to {UnknownDimensions}")} {(request.IsBinary ? "bits" : "values")}";
}
