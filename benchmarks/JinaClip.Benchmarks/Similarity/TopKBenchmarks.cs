using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace JinaClip.Benchmarks.Similarity;

/// <summary>
/// Issue 6: top-10 of 100,000 × 768 stored vectors (293 MiB) by cosine. The SDK's <see cref="VectorSearch"/> vs a LINQ
/// <c>OrderByDescending</c> baseline (target ≥ 10× faster) and vs a pure memory scan that only sums the same floats
/// (target within 2×).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class TopKBenchmarks
{
    private const int Rows = 100_000;
    private const int Dimensions = 768;
    private const int K = 10;
    private VectorMatrix _matrix = null!;
    private float[] _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        _matrix = new VectorMatrix(Dimensions, Rows);
        var row = new float[Dimensions];
        for (var r = 0; r < Rows; r++)
        {
            for (var i = 0; i < Dimensions; i++)
            {
                row[i] = (float)rng.NextDouble() - 0.5f;
            }

            _matrix.Add(row);
        }

        _query = row.ToArray();
    }

    [Benchmark]
    public ScoredMatch[] JinaClipTopK() => VectorSearch.TopK(_query, _matrix, K);

    [Benchmark(Baseline = true)]
    public int[] LinqOrderByDescending()
    {
        var matrix = _matrix;
        var query = _query;
        return Enumerable.Range(0, Rows)
            .Select(r => (Row: r, Score: TensorPrimitives.CosineSimilarity(query, matrix.GetRow(r))))
            .OrderByDescending(s => s.Score)
            .Take(K)
            .Select(s => s.Row)
            .ToArray();
    }

    [Benchmark]
    public float MemoryScanSum() => TensorPrimitives.Sum(_matrix.Span);
}
