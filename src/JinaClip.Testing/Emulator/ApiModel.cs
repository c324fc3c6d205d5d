namespace JinaClip.Testing.Emulator;

/// <summary>What the emulated API accepts for one model (see <see cref="ApiModels"/>).</summary>
internal sealed class ApiModel
{
    public ApiModel(string name, int nativeDimensions, int maxDimensions, string[] fields, string[] tasks, bool acceptsImages, int maxInputs = 2048)
    {
        Name = name;
        NativeDimensions = nativeDimensions;
        MaxDimensions = maxDimensions;
        Fields = fields;
        Tasks = tasks;
        AcceptsImages = acceptsImages;
        MaxInputs = maxInputs;
    }

    public string Name { get; }

    public int NativeDimensions { get; }

    /// <summary>Gets the largest <c>dimensions</c> the schema allows (0 when it has no such field).</summary>
    public int MaxDimensions { get; }

    /// <summary>Gets the optional request fields the model's schema declares, by their wire names.</summary>
    public IReadOnlyList<string> Fields { get; }

    public IReadOnlyList<string> Tasks { get; }

    public bool AcceptsImages { get; }

    public int MaxInputs { get; }

    public bool Accepts(string field) => Fields.Contains(field, StringComparer.Ordinal);
}
