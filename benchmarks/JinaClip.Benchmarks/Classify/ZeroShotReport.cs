using System.Diagnostics;
using System.Globalization;

namespace JinaClip.Benchmarks.Classify;

/// <summary>
/// Issue 31's zero-shot comparison in interleaved rounds, for a shared VM whose speed drifts from minute to minute: each
/// round times the local classifier, the per-pair loop and the one-core and all-core FMA peaks back to back (the order
/// rotating), so every ratio compares contenders measured in the same moment; it prints each contender's median
/// GFLOP/s and the medians and ranges of the per-round ratios. The same contenders as <see cref="ZeroShotBenchmarks"/>.
/// <c>dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- zeroshot [rounds, default 15]</c>
/// </summary>
internal static class ZeroShotReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var bench = new ZeroShotBenchmarks();
        bench.Setup();
        (string Name, double Flops, Func<Task> Run)[] contenders =
        [
            ("local classifier", 2.0 * ZeroShotBenchmarks.Vectors * ZeroShotBenchmarks.Labels * ZeroShotBenchmarks.Dimensions, () => bench.LocalClassifier()),
            ("per-pair loop", 2.0 * ZeroShotBenchmarks.Vectors * ZeroShotBenchmarks.Labels * ZeroShotBenchmarks.Dimensions, () => Task.FromResult(bench.PerPairCosineLoop())),
            ("FMA peak, one core", ZeroShotBenchmarks.PeakFlopsOneCore, () => Task.FromResult(bench.FmaPeakOneCore())),
            ("FMA peak, all cores", ZeroShotBenchmarks.PeakFlopsOneCore * Environment.ProcessorCount, () => Task.FromResult(bench.FmaPeakAllCores())),
        ];

        Console.WriteLine($"{ZeroShotBenchmarks.Vectors:N0} vectors × {ZeroShotBenchmarks.Labels} labels × {ZeroShotBenchmarks.Dimensions} dims, {Environment.ProcessorCount} cores, AVX-512 kernel: {ZeroShotBenchmarks.Lanes == 16}; warm-up, then {rounds} rounds");
        foreach (var contender in contenders)
        {
            for (var i = 0; i < 3; i++)
            {
                await contender.Run();
            }
        }

        var gflops = contenders.Select(_ => new double[rounds]).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < contenders.Length; k++)
            {
                var c = (k + round) % contenders.Length;
                var watch = Stopwatch.StartNew();
                await contenders[c].Run();
                gflops[c][round] = contenders[c].Flops / watch.Elapsed.TotalSeconds / 1e9;
            }
        }

        for (var c = 0; c < contenders.Length; c++)
        {
            var sorted = gflops[c].Order().ToArray();
            Console.WriteLine(FormattableString.Invariant($"{contenders[c].Name,-20} median {Median(sorted),7:F1} GFLOP/s (range {sorted[0]:F1} to {sorted[^1]:F1})"));
        }

        Ratio("local / per-pair loop", gflops[0], gflops[1]);
        Ratio("local / one-core peak", gflops[0], gflops[2]);
        Ratio("local / all-core peak", gflops[0], gflops[3]);
        Ratio("all-core / one-core peak", gflops[3], gflops[2]);
        return 0;
    }

    private static void Ratio(string name, double[] a, double[] b)
    {
        var ratios = a.Zip(b, (x, y) => x / y).Order().ToArray();
        Console.WriteLine(FormattableString.Invariant($"{name,-26} median {Median(ratios):F2} (range {ratios[0]:F2} to {ratios[^1]:F2}) over {ratios.Length} rounds"));
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
