using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>
/// An <see cref="IEmbeddingGenerator{DataContent, Embedding}"/> over a <see cref="JinaEmbeddingClient"/>: images given
/// as <see cref="DataContent"/> (bytes, or a <c>data:</c> URI), sent as raw base64 in the API's <c>{"image": ...}</c>
/// form. Non-image media types are refused.
/// </summary>
internal sealed class JinaImageEmbeddingGenerator : IEmbeddingGenerator<DataContent, Embedding<float>>
{
    private readonly GeneratorDefaults _defaults;

    public JinaImageEmbeddingGenerator(JinaEmbeddingClient client, string? modelId, int? dimensions)
    {
        _defaults = new GeneratorDefaults(client, modelId, dimensions);
        Metadata = _defaults.Metadata;
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<DataContent> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = new List<EmbeddingInput>();
        foreach (var content in values)
        {
            if (content is null)
            {
                throw new ArgumentException($"Value {inputs.Count} is null.", nameof(values));
            }

            if (!content.HasTopLevelMediaType("image"))
            {
                throw new ArgumentException($"Value {inputs.Count} has media type '{content.MediaType}'; only image/* can be embedded as an image.", nameof(values));
            }

            inputs.Add(EmbeddingInput.FromImageBytes(content.Data));
        }

        return await _defaults.GenerateAsync(this, inputs, options, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _defaults.GetService(this, serviceType, serviceKey);

    public void Dispose()
    {
        // The client belongs to whoever created it (or to DI).
    }
}
