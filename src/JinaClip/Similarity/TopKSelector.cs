namespace JinaClip.Similarity;

/// <summary>
/// Keeps the best <c>k</c> of a stream of (key, index) pairs in a min-heap: O(N log k), no full sort. Higher keys are
/// better; equal keys are ordered by lower index, so results are deterministic. NaN keys rank with negative infinity.
/// </summary>
internal sealed class TopKSelector
{
    private readonly float[] _keys;
    private readonly int[] _indices;

    public TopKSelector(int k)
    {
        _keys = new float[k];
        _indices = new int[k];
    }

    public int Count { get; private set; }

    /// <summary>Whether k pairs are kept, so a candidate must beat <see cref="Threshold"/>.</summary>
    public bool IsFull => Count == _keys.Length;

    /// <summary>The worst kept key (−∞ while not full, or when it is NaN): a key below it cannot be kept.</summary>
    public float Threshold => !IsFull || float.IsNaN(_keys[0]) ? float.NegativeInfinity : _keys[0];

    /// <summary>Offers a candidate; kept if the heap is not full or it beats the worst kept.</summary>
    public void Offer(float key, int index)
    {
        if (Count < _keys.Length)
        {
            _keys[Count] = key;
            _indices[Count] = index;
            SiftUp(Count++);
        }
        else if (Better(key, index, _keys[0], _indices[0]))
        {
            _keys[0] = key;
            _indices[0] = index;
            SiftDown(0);
        }
    }

    public void Merge(TopKSelector other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Offer(other._keys[i], other._indices[i]);
        }
    }

    /// <summary>The kept pairs, best first.</summary>
    public (float Key, int Index)[] ToSortedArray()
    {
        var result = new (float Key, int Index)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (_keys[i], _indices[i]);
        }

        Array.Sort(result, static (a, b) => Better(a.Key, a.Index, b.Key, b.Index) ? -1 : Better(b.Key, b.Index, a.Key, a.Index) ? 1 : 0);
        return result;
    }

    private static bool Better(float key, int index, float otherKey, int otherIndex)
    {
        var a = float.IsNaN(key) ? float.NegativeInfinity : key;
        var b = float.IsNaN(otherKey) ? float.NegativeInfinity : otherKey;
        return a > b || (a == b && index < otherIndex);
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_keys[parent], _indices[parent], _keys[i], _indices[i]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < Count && Better(_keys[worst], _indices[worst], _keys[left], _indices[left]))
            {
                worst = left;
            }

            if (right < Count && Better(_keys[worst], _indices[worst], _keys[right], _indices[right]))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        (_indices[a], _indices[b]) = (_indices[b], _indices[a]);
    }
}
