namespace JinaClip.WebApi.Catalogue;

/// <summary>Embeds the catalogue at startup (one batched call) into the <see cref="ProductCatalogue"/>'s index.</summary>
internal sealed class CatalogueIndexer(ProductCatalogue catalogue, IServiceProvider services, ILogger<CatalogueIndexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var client = scope.ServiceProvider.GetRequiredService<JinaEmbeddingClient>();
            var ids = ProductCatalogue.Items.Keys.ToArray();
            var embeddings = await client.EmbedAsync(ids.Select(id => (EmbeddingInput)ProductCatalogue.Items[id]), cancellationToken: stoppingToken);
            var index = new VectorIndex(embeddings[0].Dimensions);
            foreach (var e in embeddings)
            {
                index.Add(ids[e.Index], e);
            }

            catalogue.Ready(index);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Indexed {Count} catalogue items ({Tokens} tokens).", index.Count, embeddings.Usage.TotalTokens);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Indexing the catalogue failed.");
            catalogue.Failed(ex);
        }
    }
}
