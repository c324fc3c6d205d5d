using JinaClip.Models;
using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>An <see cref="IEmbeddingGenerator{String, Embedding}"/> over a <see cref="JinaEmbeddingClient"/> (texts).</summary>
internal sealed class JinaTextEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly GeneratorDefaults _defaults;

    public JinaTextEmbeddingGenerator(JinaEmbeddingClient client, string? modelId, int? dimensions)
    {
        _defaults = new GeneratorDefaults(client, modelId, dimensions);
        Metadata = _defaults.Metadata;
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.Select((v, i) => v is null ? throw new ArgumentException($"Value {i} is null.", nameof(values)) : EmbeddingInput.FromText(v)).ToList();
        return await _defaults.GenerateAsync(this, inputs, options, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _defaults.GetService(this, serviceType, serviceKey);

    public void Dispose()
    {
        // The client belongs to whoever created it (or to DI).
    }
}
