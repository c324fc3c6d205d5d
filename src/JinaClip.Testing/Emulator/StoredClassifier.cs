namespace JinaClip.Testing.Emulator;

/// <summary>A few-shot classifier the emulator keeps in memory: its examples' stand-in vectors per label.</summary>
internal sealed class StoredClassifier
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public required string Access { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the sum of each label's example vectors, in the order labels were first seen.</summary>
    public List<(string Label, float[] Sum)> Centroids { get; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset TrainedAt { get; set; }

    public int UpdateCount { get; set; }

    public int UseCount { get; set; }

    public void Add(string label, float[] vector)
    {
        var at = Centroids.FindIndex(c => string.Equals(c.Label, label, StringComparison.Ordinal));
        if (at < 0)
        {
            Centroids.Add((label, (float[])vector.Clone()));
            return;
        }

        var sum = Centroids[at].Sum;
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += vector[i];
        }
    }
}
