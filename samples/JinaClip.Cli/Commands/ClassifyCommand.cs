using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary>
/// <c>classify</c>: put texts and images into categories named on the command line (<c>--label</c>, or
/// <c>--group name=a,b,c</c>), zero-shot through the API, locally from embeddings (<c>--local</c>), or with a trained
/// few-shot classifier (<c>--classifier</c>); a table of input, prediction, score and runner-up.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var label = new Option<string[]>("--label") { Description = "A candidate label (repeatable, at least two).", Arity = ArgumentArity.ZeroOrMore };
        var group = new Option<string[]>("--group") { Description = "A named label group, name=a,b,c (repeatable): one prediction per group.", Arity = ArgumentArity.ZeroOrMore };
        var local = new Option<bool>("--local") { Description = "Embed the inputs and labels and score them on this machine (scores are not the API's)." };
        var template = new Option<string?>("--template") { Description = "With --local, the text each label is embedded as (default \"a photo of a {label}\")." };
        var classifier = new Option<string?>("--classifier") { Description = "Classify texts with a trained few-shot classifier (its id) instead of labels." };
        var command = new Command("classify", "Classify texts and images (--text, --image, repeatable) against --label or --group, zero-shot, or with --classifier.");
        command.Options.Add(options.Text);
        command.Options.Add(options.Image);
        command.Options.Add(label);
        command.Options.Add(group);
        command.Options.Add(local);
        command.Options.Add(template);
        command.Options.Add(classifier);
        command.Options.Add(options.Model);
        command.Options.Add(options.Downscale);
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var inputs = InputReader.Read(result, options);
            if (inputs.Count == 0)
            {
                throw new ArgumentException("Give at least one input: --text \"...\" or --image PATH_OR_URL.");
            }

            var labels = result.GetValue(label) ?? [];
            var groups = (result.GetValue(group) ?? []).Select(ParseGroup).ToArray();
            var classifierId = result.GetValue(classifier);
            if (classifierId is null && labels.Length == 0 && groups.Length == 0)
            {
                throw new ArgumentException("Give the labels: --label cat --label dog, or --group animal=cat,dog (or a trained --classifier ID).");
            }

            if ((labels.Length > 0 ? 1 : 0) + (groups.Length > 0 ? 1 : 0) + (classifierId is null ? 0 : 1) > 1)
            {
                throw new ArgumentException("Use one of --label, --group or --classifier.");
            }

            // Images are downscaled before upload, as for embeddings: jina-clip-v1 sees 224 px whatever is sent.
            var preprocessor = CommonOptions.Preprocessor(result.GetValue(options.Downscale));
            using var jina = ClientFactory.Create(
                result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr, o => o.ImagePreprocessor = preprocessor);
            var client = jina.GetClassificationClient();
            var bar = inputs.Count > 512 ? new ProgressBar(stderr, inputs.Count) : null;
            var classifyOptions = new ClassifyOptions { Model = result.GetValue(options.Model), Progress = bar is null ? null : new Counter(bar) };
            ClassificationResult classified;
            if (classifierId is not null)
            {
                classified = await client.ClassifyWithClassifierAsync(classifierId, inputs.Select(i => i.Input), classifyOptions, ct);
            }
            else if (result.GetValue(local))
            {
                var localOptions = new LocalClassifierOptions
                {
                    PromptTemplate = result.GetValue(template) ?? "a photo of a {label}",
                    EmbeddingOptions = new EmbeddingOptions { Model = result.GetValue(options.Model) },
                };
                var scorer = groups.Length > 0
                    ? await client.CreateLocalClassifierAsync(groups, localOptions, ct)
                    : await client.CreateLocalClassifierAsync(labels, localOptions, ct);
                var embedded = await jina.GetEmbeddingsClient().EmbedAsync(inputs.Select(i => i.Input), localOptions.EmbeddingOptions, ct);
                classified = await scorer.ClassifyAsync([.. embedded.Select(e => e.GetVector())], ct);
            }
            else
            {
                classified = groups.Length > 0
                    ? await client.ClassifyAsync(inputs.Select(i => i.Input), groups, classifyOptions, ct)
                    : await client.ClassifyAsync(inputs.Select(i => i.Input), labels, classifyOptions, ct);
            }

            bar?.Finish();
            if (result.GetValue(options.Json))
            {
                var output = new ClassifyOutput(classified.Model, classified.TotalTokens, [.. classified.Select(c => new ClassifyItemOutput(
                    c.Index, inputs[c.Index].Label, [.. c.Predictions.Select(p => new PredictionOutput(p.Group, p.Label, p.Score, p.RunnerUp?.Label, p.RunnerUp?.Score))]))]);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.ClassifyOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"{"input",-40}  {"prediction",-24}  {"score",6}  runner-up");
            foreach (var c in classified)
            {
                var input = inputs[c.Index];
                var name = input.Input.IsImage ? CliApp.ShortenPath(input.Label, 40) : CliApp.Shorten(input.Label, 40);
                foreach (var p in c.Predictions)
                {
                    var prediction = p.Group is null ? p.Label : $"{p.Group}: {p.Label}";
                    var runnerUp = p.RunnerUp is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r.Label} ({r.Score:0.0000})") : "-";
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name,-40}  {CliApp.Shorten(prediction, 24),-24}  {p.Score,6:0.0000}  {runnerUp}"));
                    name = string.Empty;
                }
            }

            var tokens = classified.TotalTokens is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) + " tokens" : "tokens not reported";
            await stdout.WriteLineAsync(result.GetValue(local) ? $"{classified.Model}: scored locally (not the API's scores)" : $"{classified.Model}: {tokens}");
            return 0;
        }));
        return command;
    }

    private static LabelGroup ParseGroup(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new ArgumentException($"--group '{value}' is not name=label,label,...");
        }

        return new LabelGroup(value[..equals].Trim(), value[(equals + 1)..].Split(',').Select(l => l.Trim()));
    }

    /// <summary>Turns the call's count of classified inputs into the progress bar's report.</summary>
    private sealed class Counter(ProgressBar bar) : IProgress<int>
    {
        public void Report(int value) => bar.Report(JinaClipModelFactory.EmbeddingProgress(value));
    }
}
