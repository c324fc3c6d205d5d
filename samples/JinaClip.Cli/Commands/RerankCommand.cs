using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary><c>rerank</c>: rank texts and images by relevance to a query, best first, each with its command-line position.</summary>
internal static class RerankCommand
{
    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var query = new Option<string?>("--query") { Description = "The query to rank the documents against." };
        var model = new Option<string?>("--model") { Description = "The reranker (default jina-reranker-v2-base-multilingual; jina-reranker-m0 when an --image is given)." };
        var top = new Option<int?>("--top") { Description = "Show only the best N documents (sent as top_n)." };
        var command = new Command("rerank", "Rank documents (--text, --image, repeatable) by relevance to --query with a Jina reranker.");
        command.Options.Add(query);
        command.Options.Add(options.Text);
        command.Options.Add(options.Image);
        command.Options.Add(model);
        command.Options.Add(top);
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var text = result.GetValue(query);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ArgumentException("Give the query: --query \"...\".");
            }

            var documents = InputReader.Read(result, options);
            if (documents.Count == 0)
            {
                throw new ArgumentException("Give at least one document: --text \"...\" or --image PATH_OR_URL.");
            }

            var reranker = result.GetValue(model) ?? (documents.Any(d => d.Input.IsImage) ? JinaModels.RerankerM0 : JinaModels.RerankerV2BaseMultilingual);
            using var jina = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr);
            var ranked = await jina.GetRerankClient().RerankAsync(
                text, documents.Select(d => d.Input), new RerankOptions { Model = reranker, TopN = result.GetValue(top), ReturnDocuments = false }, ct);
            if (result.GetValue(options.Json))
            {
                var output = new RerankOutput(ranked.Model, text, ranked.TotalTokens,
                    [.. ranked.Select((r, i) => new RerankResultOutput(i + 1, r.Index, r.RelevanceScore, documents[r.Index].Label))]);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.RerankOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"{"rank",4}  {"score",8}  {"index",5}  document");
            for (var i = 0; i < ranked.Count; i++)
            {
                var r = ranked[i];
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{i + 1,4}  {r.RelevanceScore,8:0.0000}  {r.Index,5}  {(documents[r.Index].Input.IsImage ? CliApp.ShortenPath(documents[r.Index].Label, 60) : CliApp.Shorten(documents[r.Index].Label, 60))}"));
            }

            await stdout.WriteLineAsync($"{ranked.Model}: {ranked.TotalTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "(not reported)"} tokens");
            return 0;
        }));
        return command;
    }
}
