using BenchmarkDotNet.Attributes;
using JinaClip.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace JinaClip.Benchmarks.Imaging;

/// <summary>
/// Issue 16: one 12-megapixel JPEG to jina-clip-v1's size (shortest side 224), end to end (decode, resize, encode):
/// <see cref="SkiaImageDownscaler"/> vs SixLabors.ImageSharp 2.1.13 <c>Image.Load</c> + <c>Resize(Bicubic)</c> +
/// <c>SaveAsJpeg</c> in the same run.
/// </summary>
[MemoryDiagnoser]
public class DownscaleBenchmarks
{
    private readonly SkiaImageDownscaler _skia = new();
    private byte[] _photo = null!;

    /// <summary>Gets or sets the photo's per-pixel noise: 4 for a typical photo, 12 for a very detailed one.</summary>
    [Params(4, 12)]
    public int Noise { get; set; }

    /// <summary>Gets or sets whether the noise differs per channel (colour noise, which JPEG keeps in its chroma blocks).</summary>
    [Params(false, true)]
    public bool ColourNoise { get; set; }

    [GlobalSetup]
    public void Setup() => _photo = TestPhoto.Create(noise: Noise, colourNoise: ColourNoise);

    [Benchmark]
    public async Task<int> JinaClipImaging()
    {
        var prepared = await _skia.PrepareAsync(_photo, JinaModels.ClipV1, CancellationToken.None);
        return prepared.Data.Length;
    }

    [Benchmark(Baseline = true)]
    public int ImageSharp()
    {
        using var image = Image.Load(_photo);
        image.Mutate(x => x.Resize(299, 224, KnownResamplers.Bicubic));
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 95 });
        return (int)output.Length;
    }
}
