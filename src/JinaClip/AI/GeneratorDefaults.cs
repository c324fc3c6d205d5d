using JinaClip.Models;
using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>
/// What every generator over one client shares: the client, the default model and dimensions (checked against the
/// model when the generator is created, so a bad default fails there and not on every call), and the metadata.
/// </summary>
internal sealed class GeneratorDefaults
{
    public GeneratorDefaults(JinaEmbeddingClient client, string? modelId, int? dimensions)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (dimensions is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "Dimensions must be at least 1.");
        }

        Client = client;
        Model = modelId ?? client.DefaultModel;
        Dimensions = dimensions;
        var spec = ModelCatalog.Find(Model);
        if (dimensions is { } dims && spec is not null && client.ValidatesRequests)
        {
            if (!spec.Accepts(ModelField.Dimensions))
            {
                throw new ArgumentException(
                    $"The model '{Model}' does not accept 'dimensions' (its vectors are always {spec.NativeDimensions} long); leave the generator's dimensions unset.",
                    nameof(dimensions));
            }

            if (dims > spec.MaxDimensions)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(dimensions), $"The model '{Model}' accepts dimensions from 1 to {spec.MaxDimensions}; {dims} is out of range.");
            }
        }

        Metadata = new EmbeddingGeneratorMetadata("jina", client.EmbeddingsUri, Model, dimensions ?? spec?.NativeDimensions);
    }

    public JinaEmbeddingClient Client { get; }

    public string Model { get; }

    public int? Dimensions { get; }

    public EmbeddingGeneratorMetadata Metadata { get; }
}
