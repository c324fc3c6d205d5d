using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace JinaClip.Benchmarks.Similarity;

/// <summary>Issue 6: cosine of two 768-dim vectors — the SDK vs a scalar loop vs raw TensorPrimitives (target ≤ 1.1× raw).</summary>
[MemoryDiagnoser]
public class CosineBenchmarks
{
    private float[] _x = null!;
    private float[] _y = null!;

    [Params(768)]
    public int Dimensions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _x = Enumerable.Range(0, Dimensions).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        _y = Enumerable.Range(0, Dimensions).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
    }

    [Benchmark(Baseline = true)]
    public float RawTensorPrimitives() => TensorPrimitives.CosineSimilarity(_x, _y);

    [Benchmark]
    public float RawSpans() => Raw(_x, _y);

    [Benchmark]
    public float JinaClipVectorMath() => VectorMath.CosineSimilarity(_x, _y);

    private static float Raw(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => TensorPrimitives.CosineSimilarity(x, y);

    [Benchmark]
    public float ScalarLoop()
    {
        float dot = 0, xx = 0, yy = 0;
        for (var i = 0; i < _x.Length; i++)
        {
            dot += _x[i] * _y[i];
            xx += _x[i] * _x[i];
            yy += _y[i] * _y[i];
        }

        return dot / (MathF.Sqrt(xx) * MathF.Sqrt(yy));
    }
}
