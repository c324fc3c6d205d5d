using BenchmarkDotNet.Attributes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace JinaClip.Benchmarks.Costs;

/// <summary>
/// Issue 7: reading an image's size from its header — <see cref="ImageHeaderReader"/> vs SixLabors.ImageSharp's
/// <c>Image.Identify</c> on the same 1600×1200 files (encoded by ImageSharp in setup), from a stream. Bytes read per
/// file are printed once in setup (target: faster, and fewer bytes read).
/// </summary>
[MemoryDiagnoser]
public class ImageHeaderBenchmarks
{
    private byte[] _file = null!;

    [Params("jpeg", "png", "gif", "webp", "bmp", "tiff")]
    public string Format { get; set; } = "jpeg";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var image = new Image<Rgb24>(1600, 1200);
        var rng = new Random(3);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (ref var p in rows.GetRowSpan(y))
                {
                    p = new Rgb24((byte)rng.Next(256), (byte)(y % 256), 128);
                }
            }
        });
        IImageEncoder encoder = Format switch
        {
            "jpeg" => new JpegEncoder { Quality = 85 },
            "png" => new PngEncoder(),
            "gif" => new GifEncoder(),
            "webp" => new WebpEncoder(),
            "bmp" => new BmpEncoder(),
            _ => new TiffEncoder(),
        };
        using var buffer = new MemoryStream();
        await image.SaveAsync(buffer, encoder);
        _file = buffer.ToArray();

        var ours = new CountingStream(new MemoryStream(_file));
        await ImageHeaderReader.ReadAsync(ours);
        var theirs = new CountingStream(new MemoryStream(_file));
        Image.Identify(theirs);
        Console.WriteLine($"// bytes read: {Format} file {_file.Length:N0} B; ImageHeaderReader {ours.BytesRead:N0} B; ImageSharp Identify {theirs.BytesRead:N0} B");
    }

    [Benchmark]
    public async Task<int> JinaClipHeaderReader() => (await ImageHeaderReader.ReadAsync(new MemoryStream(_file, writable: false))).Width;

    [Benchmark(Baseline = true)]
    public int ImageSharpIdentify() => Image.Identify(new MemoryStream(_file, writable: false)).Width;

    /// <summary>Counts the bytes read through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
