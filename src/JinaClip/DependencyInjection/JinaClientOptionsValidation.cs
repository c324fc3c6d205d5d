using JinaClip.Configuration;
using JinaClip.Http;
using Microsoft.Extensions.Options;

namespace JinaClip.DependencyInjection;

/// <summary>
/// Validates each registered client's options at startup (<c>ValidateOnStart</c>): a missing key names the
/// configuration key and <c>JINA_API_KEY</c>; a bad endpoint or an out-of-range limit names the option.
/// </summary>
internal sealed class JinaClientOptionsValidation(string name, string configurationPath) : IValidateOptions<JinaClientOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, JinaClientOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(JinaClientOptions.ApiKeyEnvironmentVariable)))
        {
            failures.Add($"No Jina API key for client '{DisplayName}': set {ConfigurationReader.Key(configurationPath, nameof(JinaClientOptions.ApiKey))} in configuration or the {JinaClientOptions.ApiKeyEnvironmentVariable} environment variable.");
        }

        try
        {
            EndpointPolicy.EmbeddingsUri(options.Endpoint, nameof(options));
            OptionsValidator.Validate(options);
        }
        catch (ArgumentException ex)
        {
            failures.Add($"Client '{DisplayName}' ({configurationPath}): {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string DisplayName => name.Length == 0 ? "default" : name;
}
