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
    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var images = new Option<string?>("--images") { Description = "A folder of images to index (searched recursively)." };
        var load = new Option<string?>("--index") { Description = "Load a saved index instead of embedding a folder." };
        var save = new Option<string?>("--save") { Description = "Save the index built from --images to this file." };
        var query = new Option<string?>("--query") { Description = "The text to search the images for." };
        var top = new Option<int>("--top") { Description = "How many matches to show (default 5).", DefaultValueFactory = _ => 5 };
        var command = new Command("search", "Index a folder of images and find the best matches for a text query.");
        foreach (var option in new Option[] { images, load, save, query, top, options.Model, options.Dimensions })
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

            var embedding = options.EmbeddingOptions(result);
            var loaded = indexPath is not null ? await LoadAsync(indexPath, ct) : null;
            using var client = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr);
            var index = loaded ?? await BuildAsync(client, folder!, embedding, stderr, ct);
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

                await WriteAsync(stdout, text, index.Search(vector.Span, k), result.GetValue(options.Json));
            }

            return 0;
        }));
        return command;
    }

    private static async Task<VectorIndex> BuildAsync(JinaEmbeddingClient client, string folder, EmbeddingOptions options, TextWriter stderr, CancellationToken ct)
    {
        var files = ImageFolder.Find(folder);
        var bar = new ProgressBar(stderr, files.Count);
        VectorIndex? index = null;
        try
        {
            await foreach (var e in client.EmbedStreamAsync(Images(files, ct), options, bar, ct))
            {
                index ??= new VectorIndex(e.Dimensions);
                index.Add(files[e.Index].Id, e);
            }
        }
        finally
        {
            bar.Finish();
        }

        return index!;
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

    private static async IAsyncEnumerable<EmbeddingInput> Images(List<(string Id, string Path)> files, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (_, path) in files)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return EmbeddingInput.FromImageFile(path);
        }
    }

    private static async Task WriteAsync(TextWriter stdout, string query, SearchHit[] hits, bool json)
    {
        if (json)
        {
            var output = new SearchOutput(query, hits.Select((h, i) => new SearchResultOutput(i + 1, h.Id, h.Score)).ToArray());
            await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.SearchOutput));
            return;
        }

        await stdout.WriteLineAsync($"{"rank",4}  {"cosine",8}  image");
        for (var i = 0; i < hits.Length; i++)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{i + 1,4}  {hits[i].Score,8:+0.0000;-0.0000}  {hits[i].Id}"));
        }
    }
}
