using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace JinaClip.Benchmarks.Loopback;

/// <summary>
/// The hand-tuned reference of issue 30: what a careful engineer writes for exactly this one call and nothing else.
/// The request JSON is written with <see cref="Utf8JsonWriter"/>; <see cref="HttpClient.SendAsync(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>
/// with <see cref="HttpCompletionOption.ResponseHeadersRead"/>; the body read into one pooled buffer presized from
/// <c>Content-Length</c>; <see cref="Utf8JsonReader"/> over it; <see cref="Base64.DecodeFromUtf8(ReadOnlySpan{byte}, Span{byte}, out int, out int, bool)"/>
/// straight into each float array. It checks nothing beyond what it needs to not crash (no index check, no cap, no
/// non-finite check, no retries, no telemetry).
/// </summary>
internal sealed class ReferenceClient(HttpClient http, Uri endpoint, string key) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _embeddings = new(endpoint, "v1/embeddings");
    private readonly AuthenticationHeaderValue _auth = new("Bearer", key);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, string model, int dimensions, CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteNumber("dimensions", dimensions);
            writer.WriteString("embedding_type", "base64");
            writer.WriteStartArray("input");
            foreach (var text in texts)
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _embeddings);
        request.Headers.Authorization = _auth;
        request.Content = new ReadOnlyMemoryContent(output.WrittenMemory);
        request.Content.Headers.ContentType = Json;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var length = checked((int)response.Content.Headers.ContentLength!.Value);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                await stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }

            return Parse(buffer.AsSpan(0, length), texts.Count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static float[][] Parse(ReadOnlySpan<byte> body, int count)
    {
        var vectors = new float[count][];
        var reader = new Utf8JsonReader(body);
        var index = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("embedding"u8))
            {
                reader.Read();
                var base64 = reader.ValueSpan;
                var vector = new float[Base64.GetMaxDecodedFromUtf8Length(base64.Length) / sizeof(float)];
                Base64.DecodeFromUtf8(base64, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out _);
                vectors[index] = vector;
            }
        }

        return vectors;
    }

    public void Dispose() => http.Dispose();
}
