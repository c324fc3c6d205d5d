using System.Diagnostics;
using JinaClip.Imaging;
using JinaClip.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace JinaClip.Benchmarks.Imaging;

/// <summary>
/// Issue 16's figures that BenchmarkDotNet does not give: the peak working-set growth of one downscale (run each
/// library in a fresh process), and 64 photos embedded with MaxConcurrency = 4 (images/s, cores used, request bytes).
/// <c>dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- downscale-report</c>
/// </summary>
internal static class DownscaleReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 2 && args[1] is "peak-skia" or "peak-imagesharp")
        {
            // A fresh process that only reads the photo's file, so the peak is the downscale's own.
            var photo = await File.ReadAllBytesAsync(args[2]);
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.WorkingSet64;
            if (args[1] == "peak-skia")
            {
                await new SkiaImageDownscaler().PrepareAsync(photo, JinaModels.ClipV1, CancellationToken.None);
            }
            else
            {
                using var image = Image.Load(photo);
                image.Mutate(x => x.Resize(299, 224, KnownResamplers.Bicubic));
                image.SaveAsJpeg(new MemoryStream(), new JpegEncoder { Quality = 95 });
            }

            process.Refresh();
            Console.WriteLine($"{args[1]}: working set before {before / 1048576.0:0.0} MB, peak {process.PeakWorkingSet64 / 1048576.0:0.0} MB, growth {(process.PeakWorkingSet64 - before) / 1048576.0:0.0} MB");
            return 0;
        }

        var file = Path.Combine(Path.GetTempPath(), $"jinaclip-12mp-{Environment.ProcessId}.jpg");
        await File.WriteAllBytesAsync(file, TestPhoto.Create());
        foreach (var which in new[] { "peak-skia", "peak-imagesharp" })
        {
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["downscale-report", which, file]) { RedirectStandardOutput = true })!;
            Console.Write(await child.StandardOutput.ReadToEndAsync());
            await child.WaitForExitAsync();
        }

        File.Delete(file);

        var photos = Enumerable.Range(0, 64).Select(i => TestPhoto.Create(seed: i)).ToArray();
        var originalBytes = photos.Sum(p => (long)p.Length);
        var emulator = new JinaEmulator();
        var counting = new CountingHandler(new JinaEmulatorHandler(emulator));
        using var client = new JinaEmbeddingClient(new HttpClient(counting), new JinaClientOptions
        {
            ApiKey = "bench", MaxConcurrency = 4, MaxBatchSize = 8, ImagePreprocessor = new SkiaImageDownscaler(),
        });
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await client.EmbedAsync(photos.Select(p => EmbeddingInput.FromImageBytes(p)));
        clock.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        Console.WriteLine($"64 photos (4000×3000 JPEG, {originalBytes / 1048576.0:0.0} MB) embedded with MaxConcurrency = 4 on {Environment.ProcessorCount} cores: " +
            $"{clock.Elapsed.TotalSeconds:0.00} s, {64 / clock.Elapsed.TotalSeconds:0.0} images/s, CPU {cpu.TotalSeconds:0.00} s = {cpu / clock.Elapsed:0.00} cores busy");
        Console.WriteLine($"request bytes sent: {counting.Bytes / 1048576.0:0.00} MB vs {originalBytes * 4 / 3 / 1048576.0:0.0} MB for the originals in base64: {originalBytes * 4.0 / 3 / counting.Bytes:0}× less; " +
            $"tokens {result.Usage.TotalTokens:N0} vs {64 * 252_000:N0}");
        return 0;
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public long Bytes;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref Bytes, request.Content?.Headers.ContentLength ?? 0);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
