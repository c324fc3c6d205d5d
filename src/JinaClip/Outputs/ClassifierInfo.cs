namespace JinaClip;

/// <summary>A few-shot classifier of your key, as <c>GET /v1/classifiers</c> lists it.</summary>
public sealed class ClassifierInfo
{
    internal ClassifierInfo(
        string id, string model, IReadOnlyList<string> labels, string access, bool isActive, bool isLatest,
        int updateCount, int useCount, DateTimeOffset createdAt, DateTimeOffset updatedAt, DateTimeOffset? usedAt)
    {
        Id = id;
        Model = model;
        Labels = labels;
        Access = access;
        IsActive = isActive;
        IsLatest = isLatest;
        UpdateCount = updateCount;
        UseCount = useCount;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        UsedAt = usedAt;
    }

    /// <summary>Gets the classifier's id (<c>classifier_id</c>), for classifying, updating and deleting.</summary>
    public string Id { get; }

    /// <summary>Gets the embedding model it was trained on.</summary>
    public string Model { get; }

    /// <summary>Gets its labels.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Gets its access level as the API reports it (<c>private</c> or <c>public</c>).</summary>
    public string Access { get; }

    /// <summary>Gets whether it is active.</summary>
    public bool IsActive { get; }

    /// <summary>Gets whether this is its latest version.</summary>
    public bool IsLatest { get; }

    /// <summary>Gets how many times it was updated (<c>updated_number</c>).</summary>
    public int UpdateCount { get; }

    /// <summary>Gets how many times it was used (<c>used_number</c>).</summary>
    public int UseCount { get; }

    /// <summary>Gets when it was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets when it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Gets when it was last used, or <see langword="null"/> if never.</summary>
    public DateTimeOffset? UsedAt { get; }

    /// <summary>Describes the classifier.</summary>
    /// <returns>The id, model, labels and access.</returns>
    public override string ToString() => $"ClassifierInfo {{ Id = {Id}, Model = {Model}, Labels = [{string.Join(", ", Labels)}], Access = {Access} }}";
}
