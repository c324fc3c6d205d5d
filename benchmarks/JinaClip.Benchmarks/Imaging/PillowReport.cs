using System.Diagnostics;
using System.Globalization;
using JinaClip.Imaging;

namespace JinaClip.Benchmarks.Imaging;

/// <summary>
/// Issue 30's comparison with what Python clients use: Pillow (Debian's python3-pil, libjpeg-turbo) through its fastest
/// path, <c>draft()</c> (see <c>pillow_prepare.py</c>), against <see cref="SkiaImageDownscaler"/>, on the same generated
/// 12 MP photos prepared for jina-clip-v1 (decode, shortest side to 224 bicubic, JPEG q95 4:4:4). One thread: 5 warm-ups,
/// then 10 interleaved rounds of 5 runs each, per photo. A folder: every core (Pillow on a process pool, JinaClip on tasks), images/s and the
/// scaling from one worker, and JinaClip's peak working-set growth per image in flight.
/// <c>dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- pillow [photo.jpg …]</c> (needs python3-pil and
/// libjpeg-turbo-progs; with photos of your own, only the one-thread rows, for those).
/// </summary>
internal static class PillowReport
{
    private const int FolderSize = 24;

    public static async Task<int> RunAsync(string[] args)
    {
        var python = Environment.GetEnvironmentVariable("JINACLIP_PYTHON") ?? "/usr/bin/python3";
        var given = args.Skip(1).ToList(); // photos of the caller's own instead of the generated two
        var script = Path.Combine(AppContext.BaseDirectory, "pillow_prepare.py");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"jinaclip-pillow-{Environment.ProcessId}")).FullName;
        try
        {
            // Encoded by libjpeg-turbo's cjpeg, as most cameras and phones encode (baseline, standard tables): the two
            // kinds of issue 30 (1.7 MB at q90 and 4.1 MB at q92) at 4:2:0 (most phones) and 4:2:2 (many cameras), and a
            // lighter photo, where fixed costs weigh most.
            var kinds = new (string Name, int Noise, int Quality, string Sampling)[]
            {
                ("typical (±7 colour noise), q90, 4:2:0", 7, 90, "2x2,1x1,1x1"),
                ("very detailed (±17 colour noise), q92, 4:2:0", 17, 92, "2x2,1x1,1x1"),
                ("typical, q90, 4:2:2", 7, 90, "2x1,1x1,1x1"),
                ("very detailed, q92, 4:2:2", 17, 92, "2x1,1x1,1x1"),
                ("lighter (±5 colour noise), q90, 4:2:0", 5, 90, "2x2,1x1,1x1"),
            };
            async Task<string> MakeAsync(int kind, int seed, string name)
            {
                var (_, noise, quality, sampling) = kinds[kind];
                var ppm = Path.Combine(folder, name + ".ppm");
                var jpeg = Path.Combine(folder, name + ".jpg");
                await File.WriteAllBytesAsync(ppm, TestPhoto.Ppm(seed, noise: noise, colourNoise: true));
                await RunProgramAsync("cjpeg", "-quality", quality.ToString(CultureInfo.InvariantCulture), "-sample", sampling, "-outfile", jpeg, ppm);
                File.Delete(ppm);
                return jpeg;
            }

            var photos = new List<string>(given);
            var names = given.Count > 0 ? given.Select(g => Path.GetFileName(g)).ToList() : kinds.Select(k => k.Name).ToList();
            for (var k = 0; given.Count == 0 && k < kinds.Length; k++)
            {
                photos.Add(await MakeAsync(k, 1, $"photo-{k}"));
            }

            // Making a photo allocates some 80 MB of pixels: leave a compacted heap behind, so that the first photo
            // measured does not pay for the garbage of making them.
            Compact();
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {await RunProgramAsync(python, "-c", "import PIL; print('Pillow ' + PIL.__version__)")}");
            Console.WriteLine();
            Console.WriteLine("| photo | size | JinaClip.Imaging, one thread (median, min–max) | Pillow draft(), one thread | Pillow / JinaClip (median of 10 rounds, min–max) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            // Interleaved: 5 warm-ups each, then 10 rounds of 5 JinaClip runs and 5 Pillow runs (a persistent Python
            // process), so that both see the same moments of a noisy machine while each runs warm, as an app preparing a
            // folder does: the median of the 50 runs of each, and the median of the 10 rounds' ratios.
            using var pillow = Process.Start(new ProcessStartInfo(python, [script, "serve"]) { RedirectStandardInput = true, RedirectStandardOutput = true })!;
            var downscaler = new SkiaImageDownscaler();
            for (var i = 0; i < photos.Count; i++)
            {
                var data = await File.ReadAllBytesAsync(photos[i]);
                var ours = new List<double>();
                var theirs = new List<double>();
                await OursAsync(downscaler, data, 5);
                await PillowAsync(pillow, photos[i], 5);
                var ratios = new List<double>();
                for (var round = 0; round < 10; round++)
                {
                    var a = await OursAsync(downscaler, data, 5);
                    var b = await PillowAsync(pillow, photos[i], 5);
                    ours.AddRange(a);
                    theirs.AddRange(b);
                    ratios.Add(b.Order().ElementAt(2) / a.Order().ElementAt(2));
                }

                ours.Sort();
                theirs.Sort();
                ratios.Sort();
                var (mine, pillows) = (ours[ours.Count / 2], theirs[theirs.Count / 2]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {names[i]} | {data.Length / 1048576.0:0.00} MB | **{mine:0.0} ms** ({ours[0]:0.0}–{ours[^1]:0.0}) | {pillows:0.0} ms ({theirs[0]:0.0}–{theirs[^1]:0.0}) | **{(ratios[4] + ratios[5]) / 2:0.00}×** ({ratios[0]:0.00}–{ratios[^1]:0.00}) |"));
            }

            pillow.StandardInput.Close();
            await pillow.WaitForExitAsync();

            if (given.Count > 0)
            {
                return 0;
            }

            var files = new List<string>();
            for (var i = 0; i < FolderSize; i++)
            {
                files.Add(await MakeAsync(i % 2, 100 + i, $"folder-{i:00}"));
            }

            Compact();
            Console.WriteLine();
            Console.WriteLine($"A folder of {FolderSize} such photos (4:2:0, half of each kind), read from disk; median of 3 interleaved rounds (the peak: the largest):");
            Console.WriteLine();
            Console.WriteLine("| | JinaClip.Imaging | Pillow draft() (process pool) |");
            Console.WriteLine("|---|---:|---:|");
            // Three interleaved rounds (each library on one worker, then on every core), the median of each.
            var cores = Environment.ProcessorCount;
            var runs = new List<(double OursOne, double OursAll, double PeakMb, double TheirsOne, double TheirsAll)>();
            for (var round = 0; round < 3; round++)
            {
                var one = await FolderAsync(downscaler, files, 1);
                var theirOne = double.Parse((await RunProgramAsync(python, [script, "folder", "1", .. files])).Split('\t')[3], CultureInfo.InvariantCulture);
                var all = await FolderAsync(downscaler, files, cores);
                var theirAll = double.Parse((await RunProgramAsync(python, [script, "folder", cores.ToString(CultureInfo.InvariantCulture), .. files])).Split('\t')[3], CultureInfo.InvariantCulture);
                runs.Add((one.PerSecond, all.PerSecond, all.PeakGrowthMb, theirOne, theirAll));
            }

            var oursOne = runs.Select(r => r.OursOne).Order().ElementAt(1);
            var oursAll = runs.Select(r => r.OursAll).Order().ElementAt(1);
            var theirsOne = runs.Select(r => r.TheirsOne).Order().ElementAt(1);
            var theirsAll = runs.Select(r => r.TheirsAll).Order().ElementAt(1);
            var peak = runs.Max(r => r.PeakMb);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1 worker | {oursOne:0.0} images/s | {theirsOne:0.0} images/s |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cores} workers | **{oursAll:0.0} images/s** | {theirsAll:0.0} images/s |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| scaling | {oursAll / oursOne:0.00}× on {cores} cores | {theirsAll / theirsOne:0.00}× |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| peak working-set growth an image in flight | {peak / cores:0.0} MB ({peak:0.0} MB for {cores}) | |"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static async Task<(double PerSecond, double PeakGrowthMb)> FolderAsync(SkiaImageDownscaler downscaler, List<string> files, int workers)
    {
        // Warm every worker's code path, then reset the peak (VmHWM) so that it measures this run alone.
        await Parallel.ForEachAsync(files.Take(workers * 2), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (file, ct) =>
            await downscaler.PrepareAsync(await File.ReadAllBytesAsync(file, ct), JinaModels.ClipV1, ct));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5");
        process.Refresh();
        var before = process.WorkingSet64;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (file, ct) =>
            await downscaler.PrepareAsync(await File.ReadAllBytesAsync(file, ct), JinaModels.ClipV1, ct));
        clock.Stop();
        process.Refresh();
        return (files.Count / clock.Elapsed.TotalSeconds, (process.PeakWorkingSet64 - before) / 1048576.0);
    }

    private static void Compact()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static async Task<List<double>> OursAsync(SkiaImageDownscaler downscaler, byte[] data, int count)
    {
        var times = new List<double>();
        for (var run = 0; run < count; run++)
        {
            var clock = Stopwatch.StartNew();
            await downscaler.PrepareAsync(data, JinaModels.ClipV1, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> PillowAsync(Process pillow, string path, int count)
    {
        await pillow.StandardInput.WriteLineAsync($"{path} {count}");
        await pillow.StandardInput.FlushAsync();
        var line = await pillow.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The Pillow process stopped.");
        return [.. line.Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture))];
    }

    private static async Task<string> RunProgramAsync(string program, params string[] args)
    {
        using var child = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await child.StandardOutput.ReadToEndAsync();
        var error = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args.Take(2))} failed ({child.ExitCode}): {error} (the report needs Debian's python3-pil and libjpeg-turbo-progs: apt-get install python3-pil libjpeg-turbo-progs)");
        }

        return output.Trim();
    }
}
