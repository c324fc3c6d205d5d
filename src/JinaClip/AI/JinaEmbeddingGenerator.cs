using JinaClip.Telemetry;
using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>
/// The one Microsoft.Extensions.AI generator over a <see cref="JinaEmbeddingClient"/>: <typeparamref name="TInput"/>
/// values become inputs (<see cref="ContentInputs"/>), sent as one call in input order, and the results become
/// <typeparamref name="TEmbedding"/>s (<see cref="EmbeddingOutputs"/>). The call's GenAI operation telemetry is left to
/// M.E.AI's <c>UseOpenTelemetry()</c>; the client adds only its per-attempt spans beneath it.
/// </summary>
internal sealed class JinaEmbeddingGenerator<TInput, TEmbedding> : IEmbeddingGenerator<TInput, TEmbedding>
    where TEmbedding : Embedding
{
    private readonly GeneratorDefaults _defaults;
    private readonly Func<TInput, int, string, EmbeddingInput> _toInput;
    private readonly EmbeddingConverter<TEmbedding> _toEmbedding;
    private IEmbeddingGenerator<AIContent, TEmbedding>? _mixed;

    public JinaEmbeddingGenerator(GeneratorDefaults defaults, Func<TInput, int, string, EmbeddingInput> toInput, EmbeddingConverter<TEmbedding> toEmbedding)
    {
        _defaults = defaults;
        _toInput = toInput;
        _toEmbedding = toEmbedding;
    }

    public EmbeddingGeneratorMetadata Metadata => _defaults.Metadata;

    public async Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = new List<EmbeddingInput>();
        foreach (var value in values)
        {
            inputs.Add(_toInput(value, inputs.Count, nameof(values)));
        }

        var mapped = GeneratorOptionsMapper.Map(options, this, _defaults, _toEmbedding.Binary);
        JinaEmbeddingCollection result;
        using (JinaTelemetry.OperationOwnedByCaller())
        {
            result = await _defaults.Client.EmbedAsync(inputs, mapped, cancellationToken).ConfigureAwait(false);
        }

        var created = _defaults.Client.Clock.GetUtcNow();
        return new GeneratedEmbeddings<TEmbedding>(result.Select(e => _toEmbedding.Convert(e, result.Model, created)))
        {
            Usage = GeneratorOptionsMapper.Usage(result.Usage),
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(JinaEmbeddingClient))
        {
            return _defaults.Client;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _defaults.Metadata;
        }

        if (serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        // Any JinaClip generator hands out the mixed generator (texts, image bytes and image URLs in one request) of the
        // same embedding type, with the same defaults: the M.E.AI way to reach a richer service of the same provider.
        if (serviceType == typeof(IEmbeddingGenerator<AIContent, TEmbedding>))
        {
            return _mixed ??= new JinaEmbeddingGenerator<AIContent, TEmbedding>(_defaults, ContentInputs.FromContent, _toEmbedding);
        }

        return null;
    }

    public void Dispose()
    {
        // The client belongs to whoever created it (or to DI).
    }
}
