using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary>
/// <c>demo</c>: the jina-clip-v1 launch post's example — one text and one image URL in one call — printing both
/// vectors' sizes, their cosine and the tokens used.
/// </summary>
internal static class DemoCommand
{
    public const string Text = "Bridge close-shot";
    public const string ImageUrl = "https://fastly.picsum.photos/id/84/1280/848.jpg?hmac=YFRYDI4UsfbeTzI8ZakNOR98wVU7a-9a2tGF542539s";

    /// <summary>The generated 4000×3000 photo shipped in the CLI (an embedded resource, so the native binary has it too).</summary>
    public static byte[] SamplePhoto()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("JinaClip.Cli.sample-photo.jpg")
            ?? throw new InvalidOperationException("The sample photo is missing from the CLI's resources.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var command = new Command("demo", "Embed the launch post's text and image with jina-clip-v1 and print their cosine, then a 4000×3000 photo to show what downscaling saves.");
        options.AddConnection(command);
        command.Options.Add(options.Downscale);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var offline = string.IsNullOrWhiteSpace(result.GetValue(options.ApiKey) ?? environment.ApiKey);
            using var jina = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr);
            var client = jina.GetEmbeddingsClient();
            var embeddings = await client.EmbedAsync(
                [Text, EmbeddingInput.FromImageUrl(ImageUrl)], new EmbeddingOptions { Model = JinaModels.ClipV1 }, ct);
            var cosine = VectorMath.CosineSimilarity(embeddings[0], embeddings[1]);

            // A photo-sized image: what it costs as given, and what is sent with --downscale.
            var downscale = result.GetValue(options.Downscale);
            var photo = SamplePhoto();
            var preprocessor = CommonOptions.Preprocessor(downscale);
            using var photoClientRoot = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, TextWriter.Null,
                o => o.ImagePreprocessor = preprocessor);
            var photoClient = photoClientRoot.GetEmbeddingsClient();
            var photoResult = await photoClient.EmbedAsync([EmbeddingInput.FromImageBytes(photo)], new EmbeddingOptions { Model = JinaModels.ClipV1 }, ct);
            var estimate = await new TokenEstimator(new TokenEstimatorOptions { ImagePreprocessor = preprocessor })
                .EstimateAsync([EmbeddingInput.FromImageBytes(photo)], JinaModels.ClipV1, ct);
            var photoOutput = new DemoPhotoOutput(
                $"{estimate.Inputs[0].OriginalImage!.Value.Width}×{estimate.Inputs[0].OriginalImage!.Value.Height}", estimate.OriginalTotalTokens,
                $"{estimate.Inputs[0].Image!.Value.Width}×{estimate.Inputs[0].Image!.Value.Height}", photoResult.Usage.TotalTokens, downscale ?? "auto");
            if (result.GetValue(options.Json))
            {
                var output = new DemoOutput(embeddings.Model, Text, ImageUrl, embeddings[0].Dimensions, embeddings[1].Dimensions, cosine, UsageOutput.From(embeddings.Usage), offline, !offline, photoOutput);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.DemoOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"model         {embeddings.Model}");
            await stdout.WriteLineAsync($"text          \"{Text}\" -> {embeddings[0].Dimensions} dimensions");
            await stdout.WriteLineAsync($"image         {ImageUrl}");
            await stdout.WriteLineAsync($"              -> {embeddings[1].Dimensions} dimensions");
            await stdout.WriteLineAsync($"cosine        {cosine.ToString("0.0000", CultureInfo.InvariantCulture)}");
            await stdout.WriteLineAsync($"tokens used   {CliApp.Describe(embeddings.Usage)}");
            if (offline)
            {
                // The emulator cannot fetch the URL, so it charges one tile: a stand-in, not what the API would charge.
                await stdout.WriteLineAsync("              image tokens not measured: the offline emulator cannot fetch image URLs and charges each one 224×224 tile; the API charges by the image's size");
            }

            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"photo         {photoOutput.Original} would cost {photoOutput.OriginalTokens:N0} tokens as given; sent as {photoOutput.Sent} (--downscale {photoOutput.Downscale}): {photoOutput.TokensUsed:N0} tokens"));
            return 0;
        }));
        return command;
    }
}
