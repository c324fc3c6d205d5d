using JinaClip.Similarity;

namespace JinaClip;

/// <summary>
/// A small in-memory vector index keyed by your ids: add, remove, search (exact top-k over one contiguous buffer), and
/// save to / load from a stream in a documented binary format (see <see cref="SaveAsync(Stream, CancellationToken)"/>).
/// Not thread-safe for writes; concurrent searches without writes are safe.
/// </summary>
public sealed class VectorIndex
{
    private readonly VectorMatrix _vectors;
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);

    /// <summary>Creates an empty index.</summary>
    /// <param name="dimensions">The length of every vector (e.g. 768 for jina-clip-v1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 1.</exception>
    public VectorIndex(int dimensions) => _vectors = new VectorMatrix(dimensions);

    /// <summary>Gets the length of every vector.</summary>
    public int Dimensions => _vectors.Dimensions;

    /// <summary>Gets the number of vectors.</summary>
    public int Count => _ids.Count;

    /// <summary>Gets the ids, in storage order (which changes when vectors are removed).</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Adds a vector under a new id.</summary>
    /// <param name="id">A non-empty id, unique in the index, at most 1,024 UTF-8 bytes.</param>
    /// <param name="vector">The vector, <see cref="Dimensions"/> long.</param>
    /// <exception cref="ArgumentException">The id is empty, too long or already present, or the vector's length is wrong.</exception>
    public void Add(string id, ReadOnlySpan<float> vector)
    {
        IndexFormat.CheckId(id);
        if (_rows.ContainsKey(id))
        {
            throw new ArgumentException($"The id '{id}' is already in the index.", nameof(id));
        }

        _rows[id] = _vectors.Add(vector);
        _ids.Add(id);
    }

    /// <summary>Adds a float embedding under a new id.</summary>
    /// <param name="id">A non-empty id, unique in the index.</param>
    /// <param name="embedding">The embedding.</param>
    /// <exception cref="ArgumentException">The id is empty or already present, or the embedding's length is wrong.</exception>
    /// <exception cref="InvalidOperationException">The embedding is binary.</exception>
    public void Add(string id, JinaEmbedding embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        Add(id, embedding.GetVector().Span);
    }

    /// <summary>Gets whether <paramref name="id"/> is in the index.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string id) => _rows.ContainsKey(id);

    /// <summary>Gets the vector stored under <paramref name="id"/>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The vector (valid until the index changes).</returns>
    /// <exception cref="KeyNotFoundException">The id is not in the index.</exception>
    public ReadOnlySpan<float> GetVector(string id) =>
        _rows.TryGetValue(id, out var row) ? _vectors.GetRow(row) : throw new KeyNotFoundException($"The id '{id}' is not in the index.");

    /// <summary>Removes the vector stored under <paramref name="id"/>.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> if it was present.</returns>
    public bool Remove(string id)
    {
        if (!_rows.Remove(id, out var row))
        {
            return false;
        }

        var moved = _vectors.RemoveAtSwapLast(row);
        if (moved >= 0)
        {
            _ids[row] = _ids[moved];
            _rows[_ids[row]] = row;
        }

        _ids.RemoveAt(_ids.Count - 1);
        return true;
    }

    /// <summary>Finds the <paramref name="k"/> stored vectors closest to <paramref name="query"/>.</summary>
    /// <param name="query">The query vector.</param>
    /// <param name="k">How many results at most.</param>
    /// <param name="metric">The comparison.</param>
    /// <returns>The best matches first; ties ordered by storage order.</returns>
    /// <exception cref="ArgumentException">The query's length is wrong.</exception>
    public SearchHit[] Search(ReadOnlySpan<float> query, int k, SimilarityMetric metric = SimilarityMetric.Cosine) =>
        Array.ConvertAll(VectorSearch.TopK(query, _vectors, k, metric), m => new SearchHit(_ids[m.Index], m.Score));

    /// <summary>Finds the <paramref name="k"/> stored vectors closest to a vector as <c>EmbedTextAsync</c> and <c>EmbedImageAsync</c> return it.</summary>
    /// <param name="query">The query vector.</param>
    /// <param name="k">How many results at most.</param>
    /// <param name="metric">The comparison.</param>
    /// <returns>The best matches first; ties ordered by storage order.</returns>
    /// <exception cref="ArgumentException">The query's length is wrong.</exception>
    public SearchHit[] Search(ReadOnlyMemory<float> query, int k, SimilarityMetric metric = SimilarityMetric.Cosine) => Search(query.Span, k, metric);

    /// <summary>Finds the <paramref name="k"/> stored vectors closest to a float embedding.</summary>
    /// <param name="query">The query embedding.</param>
    /// <param name="k">How many results at most.</param>
    /// <param name="metric">The comparison.</param>
    /// <returns>The best matches first.</returns>
    public SearchHit[] Search(JinaEmbedding query, int k, SimilarityMetric metric = SimilarityMetric.Cosine)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Search(query.GetVector().Span, k, metric);
    }

    /// <summary>
    /// Writes the index to <paramref name="stream"/> in format version 1 (little-endian throughout): the magic bytes
    /// <c>JCIX</c>; version (uint16, 1); flags (uint16, 0); dimensions (int32); count (int32); then per entry its id as a
    /// 7-bit-encoded byte length and UTF-8 bytes; then count × dimensions float32 values, row by row; and last an
    /// FNV-1a 64-bit checksum (uint64) of every byte before it.
    /// </summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the index is written.</returns>
    public Task SaveAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return IndexFormat.WriteAsync(stream, _ids, _vectors, cancellationToken);
    }

    /// <summary>Reads an index written by <see cref="SaveAsync(Stream, CancellationToken)"/>.</summary>
    /// <param name="stream">A readable stream positioned at the index; left open.</param>
    /// <param name="expectedDimensions">When set, an index of another vector length is rejected.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The index.</returns>
    /// <exception cref="InvalidDataException">
    /// The data is not an index, is of an unknown version, is truncated or corrupt (checksum), or has other dimensions
    /// than <paramref name="expectedDimensions"/>. The message names the problem.
    /// </exception>
    public static Task<VectorIndex> LoadAsync(Stream stream, int? expectedDimensions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return IndexFormat.ReadAsync(stream, expectedDimensions, cancellationToken);
    }

    internal void AddLoaded(string id, ReadOnlySpan<float> vector)
    {
        if (_rows.ContainsKey(id))
        {
            throw new InvalidDataException($"The index file is corrupt: the id '{id}' appears twice.");
        }

        _rows[id] = _vectors.Add(vector);
        _ids.Add(id);
    }
}
