using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace JinaClip.Tests.TestSupport;

/// <summary>Builds response bodies in the API's shape.</summary>
internal static class Responses
{
    /// <summary>A deterministic vector whose first value is <paramref name="seed"/>.</summary>
    public static float[] Vector(int dims, float seed)
    {
        var v = new float[dims];
        for (var i = 0; i < dims; i++)
        {
            v[i] = seed + (i * 0.001f);
        }

        return v;
    }

    public static string Base64(float[] vector) => Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()));

    /// <summary>One base64 embedding per input of the request body, with vector i starting at i + 1.</summary>
    public static string ForRequest(string requestBody)
    {
        using var doc = JsonDocument.Parse(requestBody);
        var count = doc.RootElement.GetProperty("input").GetArrayLength();
        var model = doc.RootElement.GetProperty("model").GetString()!;
        var dims = doc.RootElement.TryGetProperty("dimensions", out var d) ? d.GetInt32() : DimsOf(model);
        return Base64Body(model, Enumerable.Range(0, count).Select(i => Vector(dims, i + 1)).ToArray());
    }

    public static string Base64Body(string model, float[][] vectors, IEnumerable<int>? order = null, string usage = """{"total_tokens":10,"prompt_tokens":10}""")
    {
        var sb = new StringBuilder();
        sb.Append("{\"model\":\"").Append(model).Append("\",\"object\":\"list\",\"usage\":").Append(usage).Append(",\"data\":[");
        var first = true;
        foreach (var i in order ?? Enumerable.Range(0, vectors.Length))
        {
            sb.Append(first ? string.Empty : ",");
            sb.Append("{\"object\":\"embedding\",\"index\":").Append(i).Append(",\"embedding\":\"").Append(Base64(vectors[i])).Append("\"}");
            first = false;
        }

        return sb.Append("]}").ToString();
    }

    /// <summary>A model's native size from the emulator's own table (kept apart from the client's); 8 for a model neither knows.</summary>
    public static int DimsOf(string model) => JinaClip.Testing.Emulator.ApiModels.Find(model)?.NativeDimensions ?? 8;
}
