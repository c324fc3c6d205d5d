using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace JinaClip.Benchmarks.Similarity;

/// <summary>
/// Issue 6: top-10 of 100,000 × 768 stored vectors (293 MiB) by cosine. The SDK's <see cref="VectorSearch"/> (with its
/// default int8 prefilter, and float-only) vs a LINQ <c>OrderByDescending</c> baseline (target ≥ 10× faster) and vs a
/// pure memory scan that only sums the same floats (target within 2×).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 10, iterationCount: 15)]
[MemoryDiagnoser]
public class TopKBenchmarks
{
    private const int Rows = 100_000;
    private const int Dimensions = 768;
    private const int K = 10;
    private VectorMatrix _matrix = null!;
    private VectorMatrix _floatOnly = null!;
    private float[] _query = null!;
    private long[] _int8Sized = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        _matrix = new VectorMatrix(Dimensions, Rows);
        _floatOnly = new VectorMatrix(Dimensions, Rows, int8Prefilter: false);
        var row = new float[Dimensions];
        for (var r = 0; r < Rows; r++)
        {
            for (var i = 0; i < Dimensions; i++)
            {
                row[i] = (float)rng.NextDouble() - 0.5f;
            }

            _matrix.Add(row);
            _floatOnly.Add(row);
        }

        _query = row.ToArray();
        _int8Sized = new long[Rows * Dimensions / sizeof(long)];
        rng.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_int8Sized.AsSpan()));
    }

    [Benchmark]
    public ScoredMatch[] JinaClipTopK() => VectorSearch.TopK(_query, _matrix, K);

    [Benchmark]
    public ScoredMatch[] JinaClipTopKFloatOnly() => VectorSearch.TopK(_query, _floatOnly, K);

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

    /// <summary>
    /// The floor for any exact search that reads one byte a value: XOR every 8 bytes of a 73 MiB buffer (the int8 copy's
    /// size), on both cores, doing nothing else.
    /// </summary>
    [Benchmark]
    public long MemoryScanInt8SizeParallel()
    {
        var data = _int8Sized;
        var partial = new long[Environment.ProcessorCount];
        Parallel.For(0, partial.Length, c =>
        {
            var start = data.Length * c / partial.Length;
            var end = data.Length * (c + 1) / partial.Length;
            var acc = System.Numerics.Vector<long>.Zero;
            var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<long, System.Numerics.Vector<long>>(data.AsSpan(start, end - start));
            foreach (var v in vectors)
            {
                acc ^= v;
            }

            partial[c] = System.Numerics.Vector.Dot(acc, System.Numerics.Vector<long>.One);
        });
        return partial.Sum();
    }
}
