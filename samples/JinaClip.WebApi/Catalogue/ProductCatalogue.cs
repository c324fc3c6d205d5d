namespace JinaClip.WebApi.Catalogue;

/// <summary>The small in-memory product catalogue <c>/search</c> answers from, indexed at startup.</summary>
public sealed class ProductCatalogue
{
    /// <summary>Gets the catalogue's items, by id.</summary>
    public static IReadOnlyDictionary<string, string> Items { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sku-1"] = "Red wool scarf, hand knitted",
        ["sku-2"] = "Stainless steel espresso machine",
        ["sku-3"] = "Waterproof hiking boots",
        ["sku-4"] = "Paperback novel about a lighthouse keeper",
        ["sku-5"] = "Wireless noise-cancelling headphones",
        ["sku-6"] = "Cast iron frying pan",
        ["sku-7"] = "Children's picture book with dogs",
        ["sku-8"] = "Mountain bike with front suspension",
    };

    private readonly TaskCompletionSource<VectorIndex> _index = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the index once it is built.</summary>
    public Task<VectorIndex> Index => _index.Task;

    internal void Ready(VectorIndex index) => _index.TrySetResult(index);

    internal void Failed(Exception error) => _index.TrySetException(error);
}
