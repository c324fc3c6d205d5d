using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>Decodes a JSON base64 string of little-endian float32 values straight into a float array.</summary>
internal static class Base64Floats
{
    /// <summary>Decodes the string token under <paramref name="reader"/>; a JSON escape such as <c>\/</c> is honoured.</summary>
    /// <exception cref="FormatException">The text is not base64 of whole float32 values.</exception>
    public static float[] Decode(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Decode(reader.ValueSpan);
        }

        // Escaped text (e.g. "\/" for "/") is unescaped into a pooled buffer first; it is never longer than the raw text.
        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(rented);
            return Decode(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes base64 UTF-8 text of little-endian float32 values.</summary>
    /// <exception cref="FormatException">The text is not base64 of whole float32 values.</exception>
    public static float[] Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length % 4 != 0)
        {
            throw new FormatException($"The base64 embedding has {utf8.Length} characters, which is not a multiple of 4.");
        }

        var padding = utf8.Length == 0 ? 0 : utf8[^1] == (byte)'=' ? (utf8[^2] == (byte)'=' ? 2 : 1) : 0;
        var byteCount = (utf8.Length / 4 * 3) - padding;
        if (byteCount % sizeof(float) != 0)
        {
            throw new FormatException($"The base64 embedding decodes to {byteCount} bytes, which is not a whole number of float32 values.");
        }

        var floats = new float[byteCount / sizeof(float)];
        var status = Base64.DecodeFromUtf8(utf8, MemoryMarshal.AsBytes(floats.AsSpan()), out _, out var written);
        if (status != OperationStatus.Done || written != byteCount)
        {
            throw new FormatException("The embedding is not valid base64.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            var ints = MemoryMarshal.Cast<float, int>(floats.AsSpan());
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }

        return floats;
    }
}
