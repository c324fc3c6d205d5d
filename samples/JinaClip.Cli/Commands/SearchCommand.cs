using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary>
/// <c>search</c>: index a folder of images (or load a saved index), optionally save it, and rank the images against a
/// text query.
/// </summary>
internal static class SearchCommand
{
    /// <summary>How many images one indexing request holds.</summary>
    internal const int ImagesPerRequest = 8;

    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var images = new Option<string?>("--images") { Description = "A folder of images to index (searched recursively)." };
        var load = new Option<string?>("--index") { Description = "Load a saved index instead of embedding a folder." };
        var save = new Option<string?>("--save") { Description = "Save the index built from --images to this file." };
        var query = new Option<string?>("--query") { Description = "The text to search the images for." };
        var top = new Option<int>("--top") { Description = "How many matches to show.", DefaultValueFactory = _ => 5 };
        var rerank = new Option<string?>("--rerank")
        {
            Description = "Rerank the vector search's shortlist with a reranker (default jina-reranker-m0, which ranks images against the query).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var candidates = new Option<int?>("--candidates") { Description = "With --rerank: how many vector-search matches to rerank (default 20, at least --top)." };
        var command = new Command("search", "Index a folder of images and find the best matches for a text query.");
        foreach (var option in new Option[] { images, load, save, query, top, rerank, candidates, options.Model, options.Dimensions, options.Downscale })
        {
            command.Options.Add(option);
        }

        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var (folder, indexPath, savePath, text, k) = (result.GetValue(images), result.GetValue(load), result.GetValue(save), result.GetValue(query), result.GetValue(top));
            if ((folder is null) == (indexPath is null))
            {
                throw new ArgumentException("Give exactly one of --images FOLDER (to index) or --index FILE (a saved index).");
            }

            if (text is null && savePath is null)
            {
                throw new ArgumentException("Nothing to do: give --query TEXT, --save FILE, or both.");
            }

            if (k < 1)
            {
                throw new ArgumentException($"--top must be at least 1 (was {k}).");
            }

            var reranker = result.GetResult(rerank) is null ? null : result.GetValue(rerank) ?? JinaModels.RerankerM0;
            var shortlist = result.GetValue(candidates) ?? Math.Max(20, k);
            if (reranker is null && result.GetValue(candidates) is not null)
            {
                throw new ArgumentException("--candidates goes with --rerank.");
            }

            if (reranker is not null && (text is null || shortlist < k))
            {
                throw new ArgumentException(text is null ? "--rerank needs --query." : $"--candidates ({shortlist}) must be at least --top ({k}).");
            }

            var embedding = options.EmbeddingOptions(result);
            var loaded = indexPath is not null ? await LoadAsync(indexPath, ct) : null;
            var downscale = result.GetValue(options.Downscale);
            using var jina = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr,
                o =>
                {
                    o.ImagePreprocessor = CommonOptions.Preprocessor(downscale);

                    // A few images per request rather than the model's 2,048: the bar moves as images are embedded, and up to
                    // MaxConcurrency requests run at once. Tokens (the price) do not depend on how images are grouped.
                    o.MaxBatchSize = ImagesPerRequest;
                });
            var client = jina.GetEmbeddingsClient();
            // Image names are stored relative to where they will be read from: the index file's folder when it is saved
            // (so `search --index` finds them from any working folder), else the --images folder.
            var imageBase = Path.GetDirectoryName(Path.GetFullPath(savePath ?? indexPath ?? Path.Combine(folder!, "_")))!;
            var (index, skipped) = loaded is not null ? (loaded, 0) : await BuildAsync(client, folder!, imageBase, embedding, downscale, stderr, ct);
            if (savePath is not null)
            {
                await using var file = File.Create(savePath);
                await index.SaveAsync(file, ct);
                await stderr.WriteLineAsync($"saved {index.Count} vectors ({index.Dimensions} dimensions) to {savePath}");
            }

            if (text is not null)
            {
                var vector = await client.EmbedTextAsync(text, embedding, ct);
                if (vector.Length != index.Dimensions)
                {
                    throw new ArgumentException($"The index holds {index.Dimensions}-dimensional vectors but the query embedded to {vector.Length}; use the model and --dimensions the index was built with.");
                }

                if (reranker is null)
                {
                    await WriteAsync(stdout, text, [.. index.Search(vector.Span, k).Select(h => (h, (double?)null))], result.GetValue(options.Json));
                }
                else
                {
                    var hits = index.Search(vector.Span, shortlist);
                    var files = hits.Select(h => ImageFile(imageBase, h.Id)).ToArray();
                    var ranked = await jina.GetRerankClient().RerankAsync(
                        text, files.Select(EmbeddingInput.FromImageFile), new RerankOptions { Model = reranker, TopN = k, ReturnDocuments = false }, ct);
                    await stderr.WriteLineAsync($"reranked the best {hits.Length} of {index.Count} with {ranked.Model} ({ranked.TotalTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} tokens)");
                    await WriteAsync(stdout, text, [.. ranked.Select(r => (hits[r.Index], (double?)r.RelevanceScore))], result.GetValue(options.Json));
                }
            }

            return skipped > 0 ? CliApp.SkippedExitCode : 0;
        }));
        return command;
    }

    /// <summary>
    /// Embeds the folder's images with <see cref="EmbeddingOptions.SkipBadInputs"/>: a file that is not an image (empty,
    /// truncated, misnamed, too large to decode) is skipped and listed with its reason, and the rest are indexed.
    /// </summary>
    /// <returns>The index, and how many files were skipped (by the folder scan and by embedding).</returns>
    private static async Task<(VectorIndex Index, int Skipped)> BuildAsync(
        JinaEmbeddingClient client, string folder, string imageBase, EmbeddingOptions options, string? downscale, TextWriter stderr, CancellationToken ct)
    {
        var files = FindImages(folder);
        foreach (var skipped in files.Skipped)
        {
            await stderr.WriteLineAsync($"skipped {skipped.Name}: {skipped.Reason}");
        }

        var skipping = options.Clone();
        skipping.SkipBadInputs = true;
        var bar = new ProgressBar(stderr, files.Images.Count, "images");
        var failures = (IReadOnlyList<InputFailure>)[];
        var progress = new Relay(p =>
        {
            failures = p.Failures;
            bar.Report(p);
        });
        VectorIndex? index = null;
        var indexed = new List<FolderImage>();
        try
        {
            await foreach (var e in client.EmbedStreamAsync(Images(files.Images, bar, ct), skipping, progress, ct))
            {
                index ??= new VectorIndex(e.Dimensions);
                index.Add(Path.GetRelativePath(imageBase, files.Images[e.Index].Path).Replace('\\', '/'), e);
                indexed.Add(files.Images[e.Index]);
            }
        }
        finally
        {
            bar.Finish();
        }

        foreach (var failure in failures.OrderBy(f => f.Index))
        {
            var file = files.Images[failure.Index];
            await stderr.WriteLineAsync($"skipped {file.Name}: {CliApp.ForUsers(Reason(failure, file.Path))}");
        }

        var skippedCount = files.Skipped.Count + failures.Count;
        if (index is null)
        {
            throw new ArgumentException($"--images '{folder}': none of its {files.Images.Count} image files could be embedded (listed above).");
        }

        await CommonOptions.ReportSavingAsync(indexed.Select(f => EmbeddingInput.FromImageFile(f.Path)), options.Model ?? client.DefaultModel, downscale, stderr, ct);
        await stderr.WriteLineAsync(skippedCount > 0 ? $"{index.Count} indexed, {skippedCount} skipped (listed above)" : $"{index.Count} indexed");
        return (index, skippedCount);
    }

    /// <summary>The failure's reason without the input's position and path, which the line already names.</summary>
    private static string Reason(InputFailure failure, string path)
    {
        var reason = failure.Reason;
        foreach (var prefix in new[] { $"Input {failure.Index} (the image file '{path}') ", $"Input {failure.Index}: the image file '{path}' ", $"Input {failure.Index}: " })
        {
            if (reason.StartsWith(prefix, StringComparison.Ordinal))
            {
                return reason[prefix.Length..];
            }
        }

        return reason;
    }

    private static async Task<VectorIndex> LoadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--index '{path}' does not exist.", path);
        }

        await using var file = File.OpenRead(path);
        try
        {
            return await VectorIndex.LoadAsync(file, cancellationToken: ct);
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException($"--index '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The folder's image files, read safely (<see cref="ImageFolder.Scan"/>): at least one, or an error naming the folder.</summary>
    private static ImageFolderScan FindImages(string folder)
    {
        ImageFolderScan scan;
        try
        {
            scan = ImageFolder.Scan(folder);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ArgumentException($"--images '{folder}' is not a folder.");
        }

        return scan.Images.Count > 0
            ? scan
            : throw new ArgumentException($"--images '{folder}' holds no image files ({string.Join(", ", new ImageFolderOptions().Extensions)})"
                + (scan.Skipped.Count > 0 ? $"; skipped: {string.Join("; ", scan.Skipped)}." : "."));
    }

    private static async IAsyncEnumerable<EmbeddingInput> Images(IReadOnlyList<FolderImage> files, ProgressBar bar, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return EmbeddingInput.FromImageFile(file.Path);

            // The client asks for the next image once it has checked this one.
            bar.Read();
        }
    }

    /// <summary>The file of a shortlisted image: its name is relative to the index file's folder (or, unsaved, the --images folder).</summary>
    private static string ImageFile(string imageBase, string id)
    {
        var path = Path.Combine(imageBase, id);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"--rerank reads the shortlisted images, but '{id}' is not at {path}; the index names its images relative to its own folder, so move the images with it.", path);
    }

    private static async Task WriteAsync(TextWriter stdout, string query, (SearchHit Hit, double? Rerank)[] hits, bool json)
    {
        if (json)
        {
            var output = new SearchOutput(query, hits.Select((h, i) => new SearchResultOutput(i + 1, h.Hit.Id, h.Hit.Score, h.Rerank)).ToArray());
            await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.SearchOutput));
            return;
        }

        var reranked = hits.Any(h => h.Rerank is not null);
        await stdout.WriteLineAsync(reranked ? $"{"rank",4}  {"rerank",8}  {"cosine",8}  image" : $"{"rank",4}  {"cosine",8}  image");
        for (var i = 0; i < hits.Length; i++)
        {
            var (hit, score) = hits[i];
            await stdout.WriteLineAsync(reranked
                ? string.Create(CultureInfo.InvariantCulture, $"{i + 1,4}  {score,8:0.0000}  {hit.Score,8:+0.0000;-0.0000}  {hit.Id}")
                : string.Create(CultureInfo.InvariantCulture, $"{i + 1,4}  {hit.Score,8:+0.0000;-0.0000}  {hit.Id}"));
        }
    }

    private sealed class Relay(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
