namespace JinaClip;

/// <summary>Options for training or updating a few-shot classifier.</summary>
public sealed class ClassifierTrainingOptions
{
    /// <summary>Gets or sets the embedding model a new classifier is trained on (not used on update).</summary>
    /// <value><see langword="null"/>: the client's <see cref="JinaClassificationClient.DefaultModel"/>.</value>
    public string? Model { get; set; }

    /// <summary>Gets or sets the training iterations (<c>num_iters</c>).</summary>
    /// <value><see langword="null"/>: not sent, so the API's default (10) applies.</value>
    public int? Iterations { get; set; }

    /// <summary>
    /// Gets or sets who may use a new classifier's training data. The API makes it <b>public</b> when <c>access</c> is
    /// left out; the SDK always sends it, private unless you ask otherwise, because training examples are often your
    /// own documents and images. Not sent on update (the API takes it only at creation).
    /// </summary>
    /// <value><see cref="ClassifierAccess.Private"/>.</value>
    public ClassifierAccess Access { get; set; } = ClassifierAccess.Private;

    /// <summary>Gets or sets how long an update keeps retrying while the classifier is busy (409, still training); see <see cref="ClassifyOptions.BusyTimeout"/>.</summary>
    /// <value>2 minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    internal ClassifierTrainingOptions Clone() => (ClassifierTrainingOptions)MemberwiseClone();
}
