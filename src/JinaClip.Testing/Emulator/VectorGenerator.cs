using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;

namespace JinaClip.Testing.Emulator;

/// <summary>
/// Deterministic stand-in vectors: the same model and input always give the same vector, different inputs differ.
/// A SplitMix64 stream seeded from SHA-256 of the input fills the model's native size; <c>dimensions</c> keeps a prefix
/// (Matryoshka-style), and <c>normalized</c> scales it to unit length.
/// </summary>
internal static class VectorGenerator
{
    public static float[] Generate(string model, ParsedInput input, int dimensions, int nativeDimensions, bool normalized)
    {
        var seed = Seed(model, input);

        // The stream is sequential, so generating only the kept prefix gives the same values as truncating the native vector.
        var vector = new float[Math.Min(dimensions, nativeDimensions)];
        var state = seed;
        for (var i = 0; i < vector.Length; i++)
        {
            // Uniform in [-1, 1) from the top 24 bits.
            vector[i] = ((NextUInt64(ref state) >> 40) / (float)(1 << 23)) - 1f;
        }

        var norm = TensorPrimitives.Norm(vector);
        if (normalized)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        else
        {
            // An unnormalised vector keeps a norm that varies by input, between 1 and 10.
            var scale = (1f + ((seed % 9000) / 1000f)) / norm;
            TensorPrimitives.Multiply(vector, scale, vector);
        }

        return vector;
    }

    private static ulong Seed(string model, ParsedInput input)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(model));
        if (input.ImageBytes is { } bytes)
        {
            hash.AppendData("\0image-bytes\0"u8);
            hash.AppendData(bytes);
        }
        else
        {
            hash.AppendData(input.IsImage ? "\0image-url\0"u8 : "\0text\0"u8);
            hash.AppendData(Encoding.UTF8.GetBytes(input.ImageUrl ?? input.Text!));
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    private static ulong NextUInt64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
