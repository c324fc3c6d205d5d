using Microsoft.Extensions.Options;

namespace JinaClip.WebApi.Gallery;

/// <summary>The gallery's images and their vectors, filled by <see cref="GalleryIndexer"/> at start-up.</summary>
public sealed class ImageGallery
{
    internal static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".gif", ".webp"];
    private readonly Lock _gate = new();
    private VectorIndex? _index;
    private int _indexed;
    private long _tokens;
    private readonly List<GallerySkip> _skipped = [];
    private Dictionary<string, ImageTag> _tags = new(StringComparer.Ordinal);

    /// <summary>Finds the gallery's folder: configured (relative to the content root) or the sample images beside the app.</summary>
    /// <param name="options">The gallery settings.</param>
    /// <param name="environment">The host, for its content root.</param>
    public ImageGallery(IOptions<GalleryOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        Folder = options.Value.Folder is { Length: > 0 } folder
            ? Path.GetFullPath(folder, environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "sample-images");
    }

    /// <summary>Gets the folder indexed.</summary>
    public string Folder { get; }

    /// <summary>Gets the images found, as paths relative to <see cref="Folder"/> with forward slashes, in ordinal order.</summary>
    public IReadOnlyList<string> Images { get; private set; } = [];

    /// <summary>Gets the files of the folder not indexed, each with its reason, in ordinal order.</summary>
    public IReadOnlyList<GallerySkip> Skipped
    {
        get
        {
            lock (_gate)
            {
                return [.. _skipped.OrderBy(s => s.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Gets the model the images were embedded with, once known.</summary>
    public string? Model { get; private set; }

    /// <summary>Gets why indexing failed, if it did.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets a snapshot of how far indexing is.</summary>
    /// <returns>The images indexed, the tokens used, and the index once every image is in it.</returns>
    public (int Indexed, long Tokens, VectorIndex? Index) Progress()
    {
        lock (_gate)
        {
            return (_indexed, _tokens, _index);
        }
    }

    internal void Found(IReadOnlyList<string> images, IReadOnlyList<GallerySkip> skipped)
    {
        lock (_gate)
        {
            Images = images;
            _skipped.AddRange(skipped);
        }
    }

    internal void Skip(GallerySkip skipped)
    {
        lock (_gate)
        {
            _skipped.Add(skipped);
        }
    }

    internal void Indexed(int count, long tokens, string model)
    {
        lock (_gate)
        {
            _indexed = count;
            _tokens = tokens;
            Model = model;
        }
    }

    internal void Ready(VectorIndex index)
    {
        lock (_gate)
        {
            _index = index;
        }
    }

    internal void Failed(string error) => Error = error;

    /// <summary>Gets the local classifier uploads are tagged with (<c>Tagging = local</c>), once the gallery is tagged.</summary>
    public LocalZeroShotClassifier? Classifier { get; private set; }

    /// <summary>Gets why tagging failed, if it did (the gallery still searches).</summary>
    public string? TagError { get; private set; }

    /// <summary>Gets an image's tag, or <see langword="null"/>.</summary>
    public ImageTag? TagOf(string image)
    {
        lock (_gate)
        {
            return _tags.TryGetValue(image, out var tag) ? tag : null;
        }
    }

    internal void Tagged(Dictionary<string, ImageTag> tags, LocalZeroShotClassifier? classifier)
    {
        lock (_gate)
        {
            _tags = tags;
            Classifier = classifier;
        }
    }

    internal void TaggingFailed(string error) => TagError = error;
}
