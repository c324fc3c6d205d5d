using System.Diagnostics;
using JinaClip.Imaging;
using JinaClip.Tests.Imaging;
using SkiaSharp;

namespace JinaClip.Benchmarks.Imaging;

/// <summary>
/// Issue 35's memory figures: the peak working-set growth of preparing the 6 KB, 7064 × 7064 one-bit PNG for
/// jina-clip-v1, once and 16 at once, each in a fresh process, with the downscaler (rows into the resampler, at most
/// <see cref="SkiaImageDownscaler.MaxConcurrentDecodes"/> at once) against SkiaSharp decoding the whole image to RGBA (what
/// the downscaler did before) in the same run.
/// <c>dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- decode-memory</c>
/// </summary>
internal static class DecodeMemoryReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 3)
        {
            return await MeasureAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
        }

        var file = Path.Combine(Path.GetTempPath(), $"jinaclip-bomb-{Environment.ProcessId}.png");
        var bomb = PngFiles.OneBitBomb(7064);
        await File.WriteAllBytesAsync(file, bomb);
        Console.WriteLine($"7064×7064 one-bit PNG: {bomb.Length:N0} bytes; budget {new ImageDownscalingOptions().MaxDecodeMemory / 1048576} MB an image, {SkiaImageDownscaler.MaxConcurrentDecodes} at once on {Environment.ProcessorCount} cores");
        foreach (var (how, count) in new[] { ("downscaler", 1), ("skia-whole", 1), ("downscaler", 16), ("skia-whole", 16) })
        {
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["decode-memory", how, count.ToString(System.Globalization.CultureInfo.InvariantCulture), file]) { RedirectStandardOutput = true })!;
            Console.Write(await child.StandardOutput.ReadToEndAsync());
            await child.WaitForExitAsync();
        }

        File.Delete(file);
        return 0;
    }

    private static async Task<int> MeasureAsync(string how, int count, string file)
    {
        var image = await File.ReadAllBytesAsync(file);
        var downscaler = new SkiaImageDownscaler();
        await downscaler.PrepareAsync(TestPhoto.Create(), JinaModels.ClipV1, CancellationToken.None); // code and native libraries loaded
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5"); // the peak (VmHWM) starts again from here
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            if (how == "downscaler")
            {
                await downscaler.PrepareAsync(image, JinaModels.ClipV1, CancellationToken.None);
            }
            else
            {
                using var codec = SKCodec.Create(SKData.CreateCopy(image))!;
                var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
                var pixels = new byte[info.BytesSize];
                codec.GetPixels(info, pixels);
                GC.KeepAlive(pixels);
            }
        })));
        clock.Stop();
        process.Refresh();
        var growth = (process.PeakWorkingSet64 - before) / 1048576.0;
        Console.WriteLine($"{how,-10} ×{count,2}: peak working set +{growth:0.0} MB ({growth / count:0.0} MB an image) in {clock.Elapsed.TotalMilliseconds:N0} ms");
        return 0;
    }
}
