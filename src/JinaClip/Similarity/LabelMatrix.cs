using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace JinaClip.Similarity;

/// <summary>
/// A set of label vectors, normalised and packed for scoring many stored vectors against all of them at once: the
/// cosine of every (vector, label) pair is a matrix product, computed with a register-blocked kernel (6 vectors × 64
/// labels of AVX-512 accumulators; vectors in chunks of 96 that stay in L2 while each label panel runs over them) where the CPU has it, and with
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per pair elsewhere.
/// </summary>
internal sealed class LabelMatrix
{
    private const int Lanes = 16;
    private const int Rows = 6;

    /// <summary>The vectors whose scores are computed panel by panel together (a multiple of <see cref="Rows"/>).</summary>
    private const int ChunkRows = 96;

    private readonly float[] _labels;
    private readonly float[] _packed;
    private readonly int[] _panelStarts;
    private readonly int[] _panelWidths;

    /// <summary>Packs the labels (row-major, <paramref name="count"/> × <paramref name="dimensions"/>), normalising each.</summary>
    public LabelMatrix(float[] labels, int count, int dimensions)
    {
        Count = count;
        Dimensions = dimensions;
        _labels = new float[count * dimensions];
        for (var l = 0; l < count; l++)
        {
            var source = labels.AsSpan(l * dimensions, dimensions);
            var norm = TensorPrimitives.Norm(source);
            TensorPrimitives.Divide(source, norm == 0 ? 1 : norm, _labels.AsSpan(l * dimensions, dimensions));
        }

        // Panels of up to four 16-float vectors of labels (64 labels), then two, then one, so a label count pads to the
        // next 16 only: panel[k * width + j] is label (start + j)'s value k.
        var vectors = (count + Lanes - 1) / Lanes;
        var starts = new List<int>();
        var widths = new List<int>();
        for (var v = 0; v < vectors;)
        {
            var take = vectors - v >= 4 ? 4 : vectors - v >= 2 ? 2 : 1;
            starts.Add(v * Lanes);
            widths.Add(take * Lanes);
            v += take;
        }

        _panelStarts = [.. starts];
        _panelWidths = [.. widths];
        PaddedCount = vectors * Lanes;
        _packed = new float[PaddedCount * dimensions];
        var offset = 0;
        for (var p = 0; p < _panelStarts.Length; p++)
        {
            for (var k = 0; k < dimensions; k++)
            {
                for (var j = 0; j < _panelWidths[p]; j++)
                {
                    var label = _panelStarts[p] + j;
                    _packed[offset + (k * _panelWidths[p]) + j] = label < count ? _labels[(label * dimensions) + k] : 0;
                }
            }

            offset += _panelWidths[p] * dimensions;
        }
    }

    /// <summary>Gets how many labels there are.</summary>
    public int Count { get; }

    /// <summary>Gets the labels' length.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the label count rounded up to whole vectors (the width <see cref="Cosines"/> needs per row of its scratch).</summary>
    public int PaddedCount { get; }

    /// <summary>Gets whether the blocked AVX-512 kernel runs on this machine.</summary>
    public static bool Accelerated =>
#if NET
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
#else
        false;
#endif

    /// <summary>Gets one normalised label vector.</summary>
    public ReadOnlySpan<float> Label(int label) => _labels.AsSpan(label * Dimensions, Dimensions);

    /// <summary>
    /// Checks one stored vector, <paramref name="vectors"/> (its length, its values finite) and returns 1 / its norm (0 for a zero vector, whose
    /// cosines are then 0), so the check costs no extra pass over memory.
    /// </summary>
    /// <exception cref="ArgumentException">The vector is of another length, or not finite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float InverseNorm(ReadOnlySpan<float> vectors, int index)
    {
        if (vectors.Length != Dimensions)
        {
            throw new ArgumentException($"Vector {index} has {vectors.Length} dimensions; the labels have {Dimensions}.", nameof(vectors));
        }

        var norm = Norm(vectors);
        if (float.IsNaN(norm) || float.IsInfinity(norm))
        {
            throw new ArgumentException($"Vector {index} has a value that is not finite (NaN or infinity), or is too large to score.", nameof(vectors));
        }

        return norm == 0 ? 0 : 1 / norm;
    }

    /// <summary>The Euclidean norm, compiled optimized at once (it runs once per vector of a large call).</summary>
#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    private static float Norm(ReadOnlySpan<float> vector)
    {
        var at = 0;
        var sum = 0f;
#if NET
        if (Vector512.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(vector);
            var total = Vector512<float>.Zero;
            for (; at <= vector.Length - Vector512<float>.Count; at += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref first, (nuint)at);
                total += v * v;
            }

            sum = Vector512.Sum(total);
        }
#endif

        for (; at < vector.Length; at++)
        {
            sum += vector[at] * vector[at];
        }

        return (float)Math.Sqrt(sum);
    }

    /// <summary>
    /// Writes the cosine of each of <paramref name="vectors"/> (from <paramref name="first"/>, <paramref name="rows"/> of
    /// them) with every label into <paramref name="output"/> (<paramref name="rows"/> × <see cref="Count"/>, row-major).
    /// </summary>
    /// <param name="vectors">The stored vectors.</param>
    /// <param name="first">The first vector to score.</param>
    /// <param name="rows">How many to score.</param>
    /// <param name="output">The cosines, times <paramref name="scale"/>.</param>
    /// <param name="scale">A factor applied to every cosine on the way out (a softmax temperature), at no extra pass.</param>
    public void Cosines(IReadOnlyList<ReadOnlyMemory<float>> vectors, int first, int rows, Span<float> output, float scale = 1f)
    {
#if NET
        if (Accelerated)
        {
            CosinesBlocked(vectors, first, rows, output, scale);
            return;
        }
#endif
        for (var r = 0; r < rows; r++)
        {
            var vector = vectors[first + r].Span;
            var inverse = InverseNorm(vector, first + r) * scale;
            for (var l = 0; l < Count; l++)
            {
                output[(r * Count) + l] = TensorPrimitives.Dot(vector, Label(l)) * inverse;
            }
        }
    }

#if NET
    // Compiled optimized at once: a call scores a block of 1,024 vectors, so tiering would run the first blocks slowly.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CosinesBlocked(IReadOnlyList<ReadOnlyMemory<float>> vectors, int first, int rows, Span<float> output, float scale)
    {
        // Vectors are taken a chunk at a time (96, 288 KB at 768 dims) and each label panel (at most 64 labels, 192 KB)
        // is run over the whole chunk before the next: both stay in the core's L2, so every vector is read from memory
        // once and every panel once per chunk, instead of every panel once per 6 vectors.
        Span<float> scratch = stackalloc float[Rows * 4 * Lanes];
        Span<float> inverse = stackalloc float[ChunkRows];
        var d = Dimensions;
        for (var c0 = 0; c0 < rows; c0 += ChunkRows)
        {
            var chunk = Math.Min(ChunkRows, rows - c0);
            for (var r = 0; r < chunk; r++)
            {
                inverse[r] = InverseNorm(vectors[first + c0 + r].Span, first + c0 + r) * scale;
            }

            var offset = 0;
            for (var p = 0; p < _panelStarts.Length; p++)
            {
                var width = _panelWidths[p];
                var keep = Math.Min(width, Count - _panelStarts[p]);
                for (var r0 = 0; r0 < chunk; r0 += Rows)
                {
                    // Rows past the end of the chunk repeat its block's first row; their results are not kept.
                    var block = Math.Min(Rows, chunk - r0);
                    var at = first + c0 + r0;
                    ref var x0 = ref Row(vectors, at, 0, block);
                    ref var x1 = ref Row(vectors, at, 1, block);
                    ref var x2 = ref Row(vectors, at, 2, block);
                    ref var x3 = ref Row(vectors, at, 3, block);
                    ref var x4 = ref Row(vectors, at, 4, block);
                    ref var x5 = ref Row(vectors, at, 5, block);
                    ref var panel = ref _packed[offset];
                    switch (width)
                    {
                        case 4 * Lanes:
                            Kernel4(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref panel, d, scratch);
                            break;
                        case 2 * Lanes:
                            Kernel2(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref panel, d, scratch);
                            break;
                        default:
                            Kernel1(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref panel, d, scratch);
                            break;
                    }

                    for (var r = 0; r < block; r++)
                    {
                        var factor = inverse[r0 + r];
                        var from = scratch.Slice(r * width, keep);
                        var to = output.Slice(((c0 + r0 + r) * Count) + _panelStarts[p], keep);
                        for (var j = 0; j < from.Length; j++)
                        {
                            to[j] = from[j] * factor;
                        }
                    }
                }

                offset += width * d;
            }
        }
    }

    /// <summary>A row of a block (its length already checked by <see cref="InverseNorm"/>); rows past the block repeat its first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float Row(IReadOnlyList<ReadOnlyMemory<float>> vectors, int first, int r, int block) =>
        ref MemoryMarshal.GetReference(vectors[first + (r < block ? r : 0)].Span);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4(ref float x0, ref float x1, ref float x2, ref float x3, ref float x4, ref float x5, ref float panel, int d, Span<float> output)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a43 = default;
        Vector512<float> a50 = default, a51 = default, a52 = default, a53 = default;
        ref var p = ref panel;
        for (nuint k = 0; k < (nuint)d; k++)
        {
            var l0 = Vector512.LoadUnsafe(ref p);
            var l1 = Vector512.LoadUnsafe(ref p, 16);
            var l2 = Vector512.LoadUnsafe(ref p, 32);
            var l3 = Vector512.LoadUnsafe(ref p, 48);
            var b = Vector512.Create(Unsafe.Add(ref x0, k));
            a00 = Avx512F.FusedMultiplyAdd(b, l0, a00); a01 = Avx512F.FusedMultiplyAdd(b, l1, a01); a02 = Avx512F.FusedMultiplyAdd(b, l2, a02); a03 = Avx512F.FusedMultiplyAdd(b, l3, a03);
            b = Vector512.Create(Unsafe.Add(ref x1, k));
            a10 = Avx512F.FusedMultiplyAdd(b, l0, a10); a11 = Avx512F.FusedMultiplyAdd(b, l1, a11); a12 = Avx512F.FusedMultiplyAdd(b, l2, a12); a13 = Avx512F.FusedMultiplyAdd(b, l3, a13);
            b = Vector512.Create(Unsafe.Add(ref x2, k));
            a20 = Avx512F.FusedMultiplyAdd(b, l0, a20); a21 = Avx512F.FusedMultiplyAdd(b, l1, a21); a22 = Avx512F.FusedMultiplyAdd(b, l2, a22); a23 = Avx512F.FusedMultiplyAdd(b, l3, a23);
            b = Vector512.Create(Unsafe.Add(ref x3, k));
            a30 = Avx512F.FusedMultiplyAdd(b, l0, a30); a31 = Avx512F.FusedMultiplyAdd(b, l1, a31); a32 = Avx512F.FusedMultiplyAdd(b, l2, a32); a33 = Avx512F.FusedMultiplyAdd(b, l3, a33);
            b = Vector512.Create(Unsafe.Add(ref x4, k));
            a40 = Avx512F.FusedMultiplyAdd(b, l0, a40); a41 = Avx512F.FusedMultiplyAdd(b, l1, a41); a42 = Avx512F.FusedMultiplyAdd(b, l2, a42); a43 = Avx512F.FusedMultiplyAdd(b, l3, a43);
            b = Vector512.Create(Unsafe.Add(ref x5, k));
            a50 = Avx512F.FusedMultiplyAdd(b, l0, a50); a51 = Avx512F.FusedMultiplyAdd(b, l1, a51); a52 = Avx512F.FusedMultiplyAdd(b, l2, a52); a53 = Avx512F.FusedMultiplyAdd(b, l3, a53);
            p = ref Unsafe.Add(ref p, 64);
        }

        ref var o = ref MemoryMarshal.GetReference(output);
        Store4(ref o, 0, a00, a01, a02, a03);
        Store4(ref o, 64, a10, a11, a12, a13);
        Store4(ref o, 128, a20, a21, a22, a23);
        Store4(ref o, 192, a30, a31, a32, a33);
        Store4(ref o, 256, a40, a41, a42, a43);
        Store4(ref o, 320, a50, a51, a52, a53);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel2(ref float x0, ref float x1, ref float x2, ref float x3, ref float x4, ref float x5, ref float panel, int d, Span<float> output)
    {
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default;
        Vector512<float> a30 = default, a31 = default, a40 = default, a41 = default, a50 = default, a51 = default;
        ref var p = ref panel;
        for (nuint k = 0; k < (nuint)d; k++)
        {
            var l0 = Vector512.LoadUnsafe(ref p);
            var l1 = Vector512.LoadUnsafe(ref p, 16);
            var b = Vector512.Create(Unsafe.Add(ref x0, k));
            a00 = Avx512F.FusedMultiplyAdd(b, l0, a00); a01 = Avx512F.FusedMultiplyAdd(b, l1, a01);
            b = Vector512.Create(Unsafe.Add(ref x1, k));
            a10 = Avx512F.FusedMultiplyAdd(b, l0, a10); a11 = Avx512F.FusedMultiplyAdd(b, l1, a11);
            b = Vector512.Create(Unsafe.Add(ref x2, k));
            a20 = Avx512F.FusedMultiplyAdd(b, l0, a20); a21 = Avx512F.FusedMultiplyAdd(b, l1, a21);
            b = Vector512.Create(Unsafe.Add(ref x3, k));
            a30 = Avx512F.FusedMultiplyAdd(b, l0, a30); a31 = Avx512F.FusedMultiplyAdd(b, l1, a31);
            b = Vector512.Create(Unsafe.Add(ref x4, k));
            a40 = Avx512F.FusedMultiplyAdd(b, l0, a40); a41 = Avx512F.FusedMultiplyAdd(b, l1, a41);
            b = Vector512.Create(Unsafe.Add(ref x5, k));
            a50 = Avx512F.FusedMultiplyAdd(b, l0, a50); a51 = Avx512F.FusedMultiplyAdd(b, l1, a51);
            p = ref Unsafe.Add(ref p, 32);
        }

        ref var o = ref MemoryMarshal.GetReference(output);
        a00.StoreUnsafe(ref o, 0); a01.StoreUnsafe(ref o, 16);
        a10.StoreUnsafe(ref o, 32); a11.StoreUnsafe(ref o, 48);
        a20.StoreUnsafe(ref o, 64); a21.StoreUnsafe(ref o, 80);
        a30.StoreUnsafe(ref o, 96); a31.StoreUnsafe(ref o, 112);
        a40.StoreUnsafe(ref o, 128); a41.StoreUnsafe(ref o, 144);
        a50.StoreUnsafe(ref o, 160); a51.StoreUnsafe(ref o, 176);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel1(ref float x0, ref float x1, ref float x2, ref float x3, ref float x4, ref float x5, ref float panel, int d, Span<float> output)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        ref var p = ref panel;
        for (nuint k = 0; k < (nuint)d; k++)
        {
            var l0 = Vector512.LoadUnsafe(ref p);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x0, k)), l0, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x1, k)), l0, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x2, k)), l0, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x3, k)), l0, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x4, k)), l0, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x5, k)), l0, a5);
            p = ref Unsafe.Add(ref p, 16);
        }

        ref var o = ref MemoryMarshal.GetReference(output);
        a0.StoreUnsafe(ref o, 0); a1.StoreUnsafe(ref o, 16); a2.StoreUnsafe(ref o, 32);
        a3.StoreUnsafe(ref o, 48); a4.StoreUnsafe(ref o, 64); a5.StoreUnsafe(ref o, 80);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(ref float o, nuint at, Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> e)
    {
        a.StoreUnsafe(ref o, at);
        b.StoreUnsafe(ref o, at + 16);
        c.StoreUnsafe(ref o, at + 32);
        e.StoreUnsafe(ref o, at + 48);
    }
#endif
}
