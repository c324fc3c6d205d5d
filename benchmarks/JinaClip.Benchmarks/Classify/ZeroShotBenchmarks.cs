using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace JinaClip.Benchmarks.Classify;

/// <summary>
/// Issue 31: local zero-shot of 100,000 stored 768-dim vectors against 100 labels (2 × 100,000 × 100 × 768 = 15.36
/// GFLOP of dot products). The SDK's <see cref="LocalZeroShotClassifier"/> (cosines, softmax, results, every core) is
/// compared in the same run with (a) a per-pair <see cref="TensorPrimitives.CosineSimilarity(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// loop and (b) this machine's FMA peak, measured by a tight loop of independent fused multiply-adds on one core and on
/// every core. Targets: ≥ 4× (a) and ≥ 40 % of the all-core peak.
/// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- --filter '*ZeroShotBenchmarks*'
/// (and <see cref="ZeroShotReport"/> for the same contenders in interleaved rounds).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class ZeroShotBenchmarks
{
    public const int Vectors = 100_000;
    public const int Labels = 100;
    public const int Dimensions = 768;

    /// <summary>Iterations of the peak loop: each does 12 independent FMAs of 16 (AVX-512) or 8 (AVX2) lanes.</summary>
    private const int PeakIterations = 20_000_000;

    private ReadOnlyMemory<float>[] _stored = null!;
    private float[][] _labels = null!;
    private LocalZeroShotClassifier _classifier = null!;

    /// <summary>Gets the lanes of the peak loop's vectors.</summary>
    public static int Lanes => Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? 16 : 8;

    /// <summary>Gets the floating-point operations of one core's peak loop.</summary>
    public static double PeakFlopsOneCore => 2.0 * PeakIterations * 12 * Lanes;

    private static double Flops(string method) => method switch
    {
        nameof(LocalClassifier) or nameof(LocalClassifierReadingEveryPrediction) or nameof(PerPairCosineLoop) => 2.0 * Vectors * Labels * Dimensions,
        nameof(FmaPeakOneCore) => PeakFlopsOneCore,
        nameof(FmaPeakAllCores) => PeakFlopsOneCore * Environment.ProcessorCount,
        _ => double.NaN,
    };

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(31);
        float[] Vector() => [.. Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        _stored = [.. Enumerable.Range(0, Vectors).Select(_ => (ReadOnlyMemory<float>)Vector())];
        _labels = [.. Enumerable.Range(0, Labels).Select(_ => Vector())];
        _classifier = LocalZeroShotClassifier.FromLabelVectors(
            Enumerable.Range(0, Labels).Select(i => $"label {i}"), _labels.Select(l => (ReadOnlyMemory<float>)l), model: JinaModels.ClipV1);
    }

    /// <summary>The call: every vector's cosine with every label, checked, scaled, softmaxed and its best label found, on every core.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> LocalClassifier()
    {
        var result = await _classifier.ClassifyAsync(_stored);
        return result.Count;
    }

    /// <summary>The call as a user reads it: as <see cref="LocalClassifier"/>, then each vector's prediction read (built as it is read).</summary>
    [Benchmark]
    public async Task<float> LocalClassifierReadingEveryPrediction()
    {
        var result = await _classifier.ClassifyAsync(_stored);
        var total = 0f;
        foreach (var item in result)
        {
            total += item.Score;
        }

        return total;
    }

    [Benchmark]
    public float PerPairCosineLoop()
    {
        var best = 0f;
        foreach (var stored in _stored)
        {
            var span = stored.Span;
            foreach (var label in _labels)
            {
                best = Math.Max(best, TensorPrimitives.CosineSimilarity(span, label));
            }
        }

        return best;
    }

#pragma warning disable CA1822 // BenchmarkDotNet runs instance methods.
    [Benchmark]
    public float FmaPeakOneCore() => PeakLoop();

    [Benchmark]
    public float FmaPeakAllCores()
    {
        var results = new float[Environment.ProcessorCount];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, i => results[i] = PeakLoop());
        return results.Sum();
    }
#pragma warning restore CA1822

    /// <summary>Twelve independent accumulators hide the FMA latency (4 cycles, 2 units): the loop is bound by FMA throughput only.</summary>
    private static float PeakLoop()
    {
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(0.9999999f);
            var b = Vector512.Create(1e-7f);
            Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            for (var i = 0; i < PeakIterations; i++)
            {
                a0 = Avx512F.FusedMultiplyAdd(a0, m, b); a1 = Avx512F.FusedMultiplyAdd(a1, m, b); a2 = Avx512F.FusedMultiplyAdd(a2, m, b);
                a3 = Avx512F.FusedMultiplyAdd(a3, m, b); a4 = Avx512F.FusedMultiplyAdd(a4, m, b); a5 = Avx512F.FusedMultiplyAdd(a5, m, b);
                a6 = Avx512F.FusedMultiplyAdd(a6, m, b); a7 = Avx512F.FusedMultiplyAdd(a7, m, b); a8 = Avx512F.FusedMultiplyAdd(a8, m, b);
                a9 = Avx512F.FusedMultiplyAdd(a9, m, b); a10 = Avx512F.FusedMultiplyAdd(a10, m, b); a11 = Avx512F.FusedMultiplyAdd(a11, m, b);
            }

            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }

        var m2 = Vector256.Create(0.9999999f);
        var b2 = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256<float>.One, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (var i = 0; i < PeakIterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, m2, b2); c1 = Fma.MultiplyAdd(c1, m2, b2); c2 = Fma.MultiplyAdd(c2, m2, b2);
            c3 = Fma.MultiplyAdd(c3, m2, b2); c4 = Fma.MultiplyAdd(c4, m2, b2); c5 = Fma.MultiplyAdd(c5, m2, b2);
            c6 = Fma.MultiplyAdd(c6, m2, b2); c7 = Fma.MultiplyAdd(c7, m2, b2); c8 = Fma.MultiplyAdd(c8, m2, b2);
            c9 = Fma.MultiplyAdd(c9, m2, b2); c10 = Fma.MultiplyAdd(c10, m2, b2); c11 = Fma.MultiplyAdd(c11, m2, b2);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(11).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(new GflopsColumn(Flops));
            AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        }
    }
}
