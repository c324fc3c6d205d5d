using JinaClip.Models;
using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>What the text and image generators share: defaults, metadata, the call and the result mapping.</summary>
internal sealed class GeneratorDefaults
{
    private readonly JinaEmbeddingClient _client;
    private readonly string _model;
    private readonly int? _dimensions;

    public GeneratorDefaults(JinaEmbeddingClient client, string? modelId, int? dimensions)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (dimensions is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "Dimensions must be at least 1.");
        }

        _client = client;
        _model = modelId ?? client.DefaultModel;
        _dimensions = dimensions;
        Metadata = new EmbeddingGeneratorMetadata("jina", client.EmbeddingsUri, _model, dimensions ?? ModelCatalog.Find(_model)?.NativeDimensions);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEmbeddingGenerator generator, List<EmbeddingInput> inputs, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        var mapped = GeneratorOptionsMapper.Map(options, generator, _model, _dimensions);
        var result = await _client.EmbedAsync(inputs, mapped, cancellationToken).ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(result.Select(e => new Embedding<float>(e.GetVector()) { ModelId = result.Model, CreatedAt = created }))
        {
            Usage = GeneratorOptionsMapper.Usage(result.Usage),
        };
    }

    public object? GetService(IEmbeddingGenerator generator, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(JinaEmbeddingClient) ? _client
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(generator) ? generator
            : null;
    }
}
