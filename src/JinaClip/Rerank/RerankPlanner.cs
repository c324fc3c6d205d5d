using JinaClip.Models;
using JinaClip.Planning;
using JinaClip.Wire;

namespace JinaClip.Rerank;

/// <summary>
/// Checks a rerank call whole before anything is sent: the query, every document (image files exist and are readable,
/// image data is an image), the options against the model's rules, and whether a long list may be split.
/// </summary>
internal static class RerankPlanner
{
    public static async Task<RerankPlan> PlanAsync(
        string query, IEnumerable<EmbeddingInput> documents, RerankOptions? options, string defaultModel, bool validate, bool checkFormat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("The query is empty; give the text to rank the documents against.", nameof(query));
        }

        var list = documents.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("Give at least one document to rank.", nameof(documents));
        }

        var resolved = options?.Clone() ?? new RerankOptions();
        var model = resolved.Model ?? defaultModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("RerankOptions.Model is empty.", nameof(options));
        }

        if (resolved.TopN is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), resolved.TopN, "RerankOptions.TopN must be at least 1.");
        }

        if (resolved.MaxDocumentsPerRequest < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), resolved.MaxDocumentsPerRequest, "RerankOptions.MaxDocumentsPerRequest must be at least 1.");
        }

        var rule = ModelCatalog.FindReranker(model);
        if (validate && rule is not null)
        {
            CheckFields(rule, resolved);
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Document {i} is null.", nameof(documents));
            }

            if (validate && rule is { Images: false } && list[i].IsImage)
            {
                throw new ArgumentException(
                    $"Document {i} is an image ({list[i]}), but {model} ranks texts only. Use {JinaModels.RerankerM0} to rank images.", nameof(documents));
            }

            await InputChecks.CheckAsync(list[i], i, nameof(documents), checkFormat, cancellationToken).ConfigureAwait(false);
        }

        return new RerankPlan
        {
            Model = model,
            Rule = rule,
            Query = query,
            Documents = list,
            Options = resolved,
            AdditionalFields = RawFields.Check(resolved.AdditionalRequestFields, RerankCall.WrittenFields, nameof(RerankOptions), nameof(options)),
            Requests = Split(list.Length, resolved.MaxDocumentsPerRequest, model, rule, nameof(documents)),
        };
    }

    private static void CheckFields(RerankerSpec rule, RerankOptions options)
    {
        if (!rule.V3Fields && options.MaxDocumentLength is not null)
        {
            throw new ArgumentException(
                $"{rule.Name} does not take max_doc_length (RerankOptions.MaxDocumentLength); only {JinaModels.RerankerV3} does.", nameof(options));
        }

        if (!rule.V3Fields && options.ReturnEmbeddings is not null)
        {
            throw new ArgumentException(
                $"{rule.Name} does not take return_embeddings (RerankOptions.ReturnEmbeddings); only {JinaModels.RerankerV3} does.", nameof(options));
        }

        if (options.MaxDocumentLength is < 1 or > ModelCatalog.MaxDocLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxDocumentLength, $"RerankOptions.MaxDocumentLength must be from 1 to {ModelCatalog.MaxDocLength} tokens.");
        }
    }

    private static InputRange[] Split(int count, int perRequest, string model, RerankerSpec? rule, string paramName)
    {
        if (count <= perRequest)
        {
            return [new InputRange(0, count)];
        }

        if (rule is not { Listwise: false })
        {
            var why = rule is null
                ? $"{model} is not a reranker the SDK knows, so it cannot tell whether splitting the list would change the ranking"
                : $"{model} ranks the documents jointly (listwise), so splitting the list into requests would change the ranking";
            throw new ArgumentException(
                FormattableString.Invariant(
                    $"{count:N0} documents are more than one request holds (RerankOptions.MaxDocumentsPerRequest = {perRequest:N0}), and {why}. Pass at most {perRequest:N0} documents (for example, a shortlist from a vector search), or raise MaxDocumentsPerRequest if the API takes more."),
                paramName);
        }

        var ranges = new InputRange[(count + perRequest - 1) / perRequest];
        for (var i = 0; i < ranges.Length; i++)
        {
            var start = i * perRequest;
            ranges[i] = new InputRange(start, Math.Min(perRequest, count - start));
        }

        return ranges;
    }
}
