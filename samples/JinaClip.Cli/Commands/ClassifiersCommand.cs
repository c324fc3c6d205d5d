using System.CommandLine;
using System.Globalization;

namespace JinaClip.Cli.Commands;

/// <summary>
/// <c>classifiers train|list|delete</c>: few-shot classifiers. <c>train</c> reads a folder with one sub-folder per label
/// (the common layout), trains on up to 512 images and adds the rest in updates of up to 512.
/// </summary>
internal static class ClassifiersCommand
{
    private const int PerRequest = 512;

    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("classifiers", "Few-shot classifiers: train one from a folder per label, list them, delete one.");
        command.Subcommands.Add(Train(environment, stdout, stderr));
        command.Subcommands.Add(List(environment, stdout, stderr));
        command.Subcommands.Add(Delete(environment, stdout, stderr));
        return command;
    }

    private static Command Train(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var folder = new Argument<string>("folder") { Description = "A folder with one sub-folder of images per label (e.g. photos/cat/*.jpg, photos/dog/*.jpg)." };
        var iterations = new Option<int?>("--iterations") { Description = "Training iterations (num_iters; the API's default is 10)." };
        var makePublic = new Option<bool>("--public") { Description = "Make the training data public (the API's default; this tool sends private unless asked)." };
        var command = new Command("train", "Train a few-shot classifier on a folder of images, one sub-folder per label.") { folder };
        command.Options.Add(options.Model);
        command.Options.Add(iterations);
        command.Options.Add(makePublic);
        command.Options.Add(options.Downscale);
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var root = result.GetValue(folder)!;
            if (!Directory.Exists(root))
            {
                throw new ArgumentException($"The folder '{root}' does not exist.");
            }

            var scan = ImageFolder.Scan(root);
            foreach (var skipped in scan.Skipped)
            {
                await stderr.WriteLineAsync($"skipped {skipped.Name}: {skipped.Reason}");
            }

            var byLabel = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var image in scan.Images)
            {
                var separator = image.Name.IndexOfAny(['/', '\\']);
                if (separator <= 0)
                {
                    await stderr.WriteLineAsync($"skipped {image.Name}: not in a label sub-folder");
                    continue;
                }

                var name = image.Name[..separator];
                if (!byLabel.TryGetValue(name, out var files))
                {
                    byLabel[name] = files = [];
                }

                files.Add(image.Path);
            }

            if (byLabel.Count < 2)
            {
                throw new ArgumentException($"'{root}' has {byLabel.Count} label sub-folder(s) with images; a classifier needs at least 2 (e.g. {root}/cat, {root}/dog).");
            }

            // Labels take turns, so the first request (at most 512) holds every label.
            var examples = new List<TrainingExample>();
            for (var i = 0; examples.Count < byLabel.Values.Sum(f => f.Count); i++)
            {
                examples.AddRange(byLabel.Where(l => i < l.Value.Count).Select(l => TrainingExample.FromImageFile(l.Value[i], l.Key)));
            }

            var preprocessor = CommonOptions.Preprocessor(result.GetValue(options.Downscale));
            using var jina = ClientFactory.Create(
                result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr, o => o.ImagePreprocessor = preprocessor);
            var client = jina.GetClassificationClient();
            var trainingOptions = new ClassifierTrainingOptions
            {
                Model = result.GetValue(options.Model),
                Iterations = result.GetValue(iterations),
                Access = result.GetValue(makePublic) ? ClassifierAccess.Public : ClassifierAccess.Private,
            };
            var trained = await client.TrainClassifierAsync(examples.Take(PerRequest), trainingOptions, ct);
            var samples = trained.SampleCount;
            for (var start = PerRequest; start < examples.Count; start += PerRequest)
            {
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"trained on {start:N0} of {examples.Count:N0} images; adding more"));
                var updated = await client.UpdateClassifierAsync(
                    trained.ClassifierId, examples.Skip(start).Take(PerRequest), new ClassifierTrainingOptions { Iterations = trainingOptions.Iterations }, ct);
                samples += updated.SampleCount;
            }

            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"classifier {trained.ClassifierId}: {byLabel.Count} labels ({string.Join(", ", byLabel.Keys)}), {samples:N0} images, {trainingOptions.Access.ToString().ToLowerInvariant()}"));
            return 0;
        }));
        return command;
    }

    private static Command List(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var command = new Command("list", "List the few-shot classifiers of your key.");
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            using var jina = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr);
            var classifiers = await jina.GetClassificationClient().GetClassifiersAsync(ct);
            await stdout.WriteLineAsync($"{"id",-36}  {"model",-28}  {"access",-7}  {"used",5}  labels");
            foreach (var c in classifiers)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{c.Id,-36}  {c.Model,-28}  {c.Access,-7}  {c.UseCount,5}  {string.Join(", ", c.Labels)}"));
            }

            await stdout.WriteLineAsync($"{classifiers.Count} classifier(s)");
            return 0;
        }));
        return command;
    }

    private static Command Delete(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var id = new Argument<string>("id") { Description = "The classifier's id." };
        var command = new Command("delete", "Delete a few-shot classifier.") { id };
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            using var jina = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr);
            await jina.GetClassificationClient().DeleteClassifierAsync(result.GetValue(id)!, ct);
            await stdout.WriteLineAsync($"deleted {result.GetValue(id)}");
            return 0;
        }));
        return command;
    }
}
