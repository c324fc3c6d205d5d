using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary><c>models</c>: the live model catalogue (offline: the emulator's fixture), with where it came from.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var command = new Command("models", "List Jina AI's models: id, dimensions, context, modalities and price per million tokens.");
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            using var jina = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr);
            using var catalogue = jina.GetModelsClient();
            var models = await catalogue.GetModelsAsync(ct);
            var source = ClientFactory.IsOffline(result.GetValue(options.ApiKey), environment) ? "the local emulator's fixture catalogue (illustrative prices)" : catalogue.ModelsUri.AbsoluteUri;
            if (result.GetValue(options.Json))
            {
                var output = new ModelsOutput(source, [.. models.Select(m => new ModelOutput(
                    m.ShortId, m.Id, m.Name, m.MaxOutputDimensions, m.ContextLength, [.. m.InputModalities], [.. m.OutputModalities], m.PricePerMillionTokens))]);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.ModelsOutput));
                return 0;
            }

            // The catalogue gives each model's largest output (max_output_length): an embeddings model's largest `dimensions`
            // (it answers with its native size unless asked), a reranker's nothing (a dash), or the size of its embeddings.
            await stdout.WriteLineAsync($"{"model",-36} {"max dims",8} {"context",8} {"inputs",-11} {"$/M tokens",10}");
            foreach (var m in models)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{m.ShortId,-36} {(m.MaxOutputDimensions > 0 ? m.MaxOutputDimensions.ToString(CultureInfo.InvariantCulture) : "-"),8} {m.ContextLength,8:N0} {string.Join('+', m.InputModalities),-11} {(m.PricePerMillionTokens is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "-"),10}"));
            }

            await stdout.WriteLineAsync($"{models.Count} models, from {source}");
            return 0;
        }));
        return command;
    }
}
