#if NETSTANDARD2_0
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace JinaClip.Polyfills;

/// <summary>
/// Static members that net8.0 has and netstandard2.0 lacks, as C# 14 static extension members so that call sites read
/// the same on every target framework.
/// </summary>
internal static class StaticPolyfills
{
    extension(Array)
    {
        /// <summary>The largest array length the runtime allows (as <c>Array.MaxLength</c>).</summary>
        public static int MaxLength => 0x7FFFFFC7;
    }

    extension(Math)
    {
        public static float Clamp(float value, float min, float max) => value < min ? min : value > max ? max : value;
    }

    extension(Convert)
    {
        public static string ToHexString(ReadOnlySpan<byte> bytes)
        {
            const string Digits = "0123456789ABCDEF";
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        public static string ToHexString(byte[] bytes, int offset, int length) => Convert.ToHexString(bytes.AsSpan(offset, length));
    }

    extension(File)
    {
        public static async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            var bytes = new byte[stream.Length];
            var total = 0;
            while (total < bytes.Length)
            {
                var read = await stream.ReadAsync(bytes, total, bytes.Length - total, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"'{path}' ended after {total} of its {bytes.Length} bytes.");
                }

                total += read;
            }

            return bytes;
        }

        public static async Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default)
        {
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var lines = new List<string>();
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                cancellationToken.ThrowIfCancellationRequested();
                lines.Add(line);
            }

            return [.. lines];
        }
    }

    extension(BinaryPrimitives)
    {
        public static float ReadSingleLittleEndian(ReadOnlySpan<byte> source)
        {
            var bits = BinaryPrimitives.ReadInt32LittleEndian(source);
            return Unsafe.As<int, float>(ref bits);
        }

        public static void ReverseEndianness(ReadOnlySpan<int> source, Span<int> destination)
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReverseEndianness(source[i]);
            }
        }
    }
}
#endif
