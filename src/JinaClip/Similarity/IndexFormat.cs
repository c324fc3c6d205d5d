using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace JinaClip.Similarity;

/// <summary>
/// The <see cref="VectorIndex"/> file format, version 1 (documented on <see cref="VectorIndex.SaveAsync(Stream, CancellationToken)"/>).
/// Reading never allocates from header values: buffers grow only as data actually arrives.
/// </summary>
internal static class IndexFormat
{
    public const int MaxIdBytes = 1024;
    public const int MaxDimensions = 65536;
    public const ushort Version = 1;
    private const int HeaderSize = 16;
    private const int ChunkBytes = 64 * 1024;
    private static readonly byte[] Magic = "JCIX"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void CheckId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (Encoding.UTF8.GetByteCount(id) > MaxIdBytes)
        {
            throw new ArgumentException($"The id is longer than {MaxIdBytes} UTF-8 bytes.", nameof(id));
        }
    }

    public static async Task WriteAsync(Stream stream, IReadOnlyList<string> ids, VectorMatrix vectors, CancellationToken cancellationToken)
    {
        var hash = new Fnv1a64();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            Magic.CopyTo(buffer, 0);
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), Version);
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(6), 0);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), vectors.Dimensions);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), ids.Count);
            await WriteAsync(stream, buffer, HeaderSize, hash, cancellationToken).ConfigureAwait(false);

            foreach (var id in ids)
            {
                var length = WriteLength(buffer, Encoding.UTF8.GetByteCount(id));
                length += Encoding.UTF8.GetBytes(id, 0, id.Length, buffer, length);
                await WriteAsync(stream, buffer, length, hash, cancellationToken).ConfigureAwait(false);
            }

            var rowsPerChunk = Math.Max(1, ChunkBytes / (vectors.Dimensions * sizeof(float)));
            var chunk = rowsPerChunk * vectors.Dimensions * sizeof(float);
            if (buffer.Length < chunk)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(chunk);
            }

            for (var row = 0; row < vectors.Count; row += rowsPerChunk)
            {
                var rows = Math.Min(rowsPerChunk, vectors.Count - row);
                var bytes = CopyLittleEndian(vectors.Span.Slice(row * vectors.Dimensions, rows * vectors.Dimensions), buffer);
                await WriteAsync(stream, buffer, bytes, hash, cancellationToken).ConfigureAwait(false);
            }

            BinaryPrimitives.WriteUInt64LittleEndian(buffer, hash.Value);
            await stream.WriteAsync(buffer.AsMemory(0, 8), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<VectorIndex> ReadAsync(Stream stream, int? expectedDimensions, CancellationToken cancellationToken)
    {
        var hash = new Fnv1a64();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await ReadExactAsync(stream, buffer, HeaderSize, hash, "the header", cancellationToken).ConfigureAwait(false);
            var (dimensions, count) = ParseHeader(buffer, expectedDimensions);

            var ids = new List<string>(Math.Min(count, 4096));
            for (var i = 0; i < count; i++)
            {
                var length = await ReadLengthAsync(stream, buffer, hash, i, cancellationToken).ConfigureAwait(false);
                await ReadExactAsync(stream, buffer, length, hash, $"id {i}", cancellationToken).ConfigureAwait(false);
                ids.Add(DecodeId(buffer, length, i));
            }

            var index = new VectorIndex(dimensions);
            var rowBytes = dimensions * sizeof(float);
            var rowsPerChunk = Math.Max(1, ChunkBytes / rowBytes);
            if (buffer.Length < rowsPerChunk * rowBytes)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(rowsPerChunk * rowBytes);
            }

            var row = new float[dimensions];
            for (var start = 0; start < count; start += rowsPerChunk)
            {
                var rows = Math.Min(rowsPerChunk, count - start);
                await ReadExactAsync(stream, buffer, rows * rowBytes, hash, $"vectors {start}-{start + rows - 1}", cancellationToken).ConfigureAwait(false);
                for (var r = 0; r < rows; r++)
                {
                    ReadLittleEndian(buffer.AsSpan(r * rowBytes, rowBytes), row);
                    index.AddLoaded(ids[start + r], row);
                }
            }

            var computed = hash.Value;
            await ReadExactAsync(stream, buffer, 8, hash: null, "the checksum", cancellationToken).ConfigureAwait(false);
            var stored = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
            if (stored != computed)
            {
                throw new InvalidDataException($"The index file is corrupt: its checksum is {stored:x16} but its contents hash to {computed:x16}.");
            }

            return index;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (int Dimensions, int Count) ParseHeader(byte[] header, int? expectedDimensions)
    {
        if (!header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"Not a JinaClip vector index: it starts with {Convert.ToHexString(header, 0, 4)}, not 4A434958 ('JCIX').");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4));
        if (version != Version)
        {
            throw new InvalidDataException($"The index file is format version {version}; this library reads version {Version}.");
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6));
        if (flags != 0)
        {
            throw new InvalidDataException($"The index file sets flags 0x{flags:x4}, which version {Version} does not define.");
        }

        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (dimensions is < 1 or > MaxDimensions)
        {
            throw new InvalidDataException($"The index file is corrupt: it declares {dimensions} dimensions (1 to {MaxDimensions} allowed).");
        }

        if (expectedDimensions is { } expected && expected != dimensions)
        {
            throw new InvalidDataException($"The index holds {dimensions}-dimensional vectors; {expected} were expected.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        if (count < 0)
        {
            throw new InvalidDataException($"The index file is corrupt: it declares {count} vectors.");
        }

        return (dimensions, count);
    }

    private static string DecodeId(byte[] buffer, int length, int i)
    {
        try
        {
            return StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"The index file is corrupt: id {i} is not valid UTF-8.", ex);
        }
    }

    private static int WriteLength(byte[] buffer, int value)
    {
        var i = 0;
        for (; value >= 0x80; value >>= 7)
        {
            buffer[i++] = (byte)(value | 0x80);
        }

        buffer[i++] = (byte)value;
        return i;
    }

    private static async ValueTask<int> ReadLengthAsync(Stream stream, byte[] buffer, Fnv1a64 hash, int i, CancellationToken cancellationToken)
    {
        var value = 0;
        for (var shift = 0; shift < 14; shift += 7)
        {
            await ReadExactAsync(stream, buffer, 1, hash, $"the length of id {i}", cancellationToken).ConfigureAwait(false);
            value |= (buffer[0] & 0x7F) << shift;
            if ((buffer[0] & 0x80) == 0)
            {
                return value is >= 1 and <= MaxIdBytes
                    ? value
                    : throw new InvalidDataException($"The index file is corrupt: id {i} declares {value} bytes (1 to {MaxIdBytes} allowed).");
            }
        }

        throw new InvalidDataException($"The index file is corrupt: the length of id {i} is over {MaxIdBytes} bytes.");
    }

    private static async ValueTask ReadExactAsync(Stream stream, byte[] buffer, int count, Fnv1a64? hash, string what, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, count - read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new InvalidDataException($"The index file is truncated: it ended while reading {what}.");
            }

            read += n;
        }

        hash?.Append(buffer.AsSpan(0, count));
    }

    private static async ValueTask WriteAsync(Stream stream, byte[] buffer, int count, Fnv1a64 hash, CancellationToken cancellationToken)
    {
        hash.Append(buffer.AsSpan(0, count));
        await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
    }

    private static int CopyLittleEndian(ReadOnlySpan<float> values, byte[] destination)
    {
        var bytes = MemoryMarshal.AsBytes(values);
        bytes.CopyTo(destination);
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < bytes.Length; i += 4)
            {
                destination.AsSpan(i, 4).Reverse();
            }
        }

        return bytes.Length;
    }

    private static void ReadLittleEndian(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
        }
    }

    /// <summary>FNV-1a, 64-bit, over bytes.</summary>
    private sealed class Fnv1a64
    {
        public ulong Value { get; private set; } = 14695981039346656037UL;

        public void Append(ReadOnlySpan<byte> data)
        {
            var h = Value;
            foreach (var b in data)
            {
                h = (h ^ b) * 1099511628211UL;
            }

            Value = h;
        }
    }
}
