using System.CommandLine;

namespace JinaClip.Cli;

/// <summary>Reads <c>--text</c> and <c>--image</c> values in the order they appear on the command line.</summary>
internal static class InputReader
{
    public static List<(EmbeddingInput Input, string Label)> Read(ParseResult result, CommonOptions options)
    {
        var inputs = new List<(EmbeddingInput Input, string Label)>();
        var tokens = result.Tokens;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var name = tokens[i].Value;
            if (options.Text.Name == name || options.Text.Aliases.Contains(name))
            {
                var text = tokens[++i].Value;
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new ArgumentException($"--text number {inputs.Count(x => !x.Input.IsImage) + 1} is empty; give the text to embed (the API refuses empty text).");
                }

                inputs.Add((EmbeddingInput.FromText(text), text));
            }
            else if (options.Image.Name == name || options.Image.Aliases.Contains(name))
            {
                var image = tokens[++i].Value;
                inputs.Add((ToImage(image), image));
            }
        }

        return inputs;
    }

    private static EmbeddingInput ToImage(string value)
    {
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return EmbeddingInput.FromImageUrl(value);
        }

        if (!File.Exists(value))
        {
            throw new FileNotFoundException($"The image '{value}' is neither an existing file nor an http(s) URL.", value);
        }

        return EmbeddingInput.FromImageFile(value);
    }
}
