using JinaClip.Testing;

namespace JinaClip.Cli;

/// <summary>Builds the root client: the real API with a key, else the in-process emulator.</summary>
internal static class ClientFactory
{
    public const string OfflineNotice = "offline: local emulator, vectors are stand-ins, not model output";

    /// <summary>Gets whether <see cref="Create"/> makes the offline emulator's client: no key on the command line or in the environment.</summary>
    public static bool IsOffline(string? apiKey, CliEnvironment environment) =>
        string.IsNullOrWhiteSpace(apiKey) && string.IsNullOrWhiteSpace(environment.ApiKey);

    public static JinaClient Create(
        string? apiKey, string? baseUrl, CliEnvironment environment, TextWriter stderr, Action<JinaClientOptions>? configure = null)
    {
        var key = string.IsNullOrWhiteSpace(apiKey) ? environment.ApiKey : apiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            if (baseUrl is not null)
            {
                throw new ArgumentException("--base-url needs an API key: pass --api-key or set JINA_API_KEY (omit both to run offline on the emulator).");
            }

            stderr.WriteLine(OfflineNotice);
            if (CommandRun.Current.Value is { } run)
            {
                run.Offline = true;
            }

            // Offline, a trained classifier is ready at once (it lives only as long as this run).
            return new JinaEmulator(new JinaEmulatorOptions { RequireApiKey = false, ClassifierTrainingTime = TimeSpan.Zero }).CreateJinaClient(configure);
        }

        var options = new JinaClientOptions { ApiKey = key };
        if (baseUrl is not null)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint))
            {
                throw new ArgumentException($"--base-url '{baseUrl}' is not an absolute URL.");
            }

            options.Endpoint = endpoint;
        }

        configure?.Invoke(options);
        return new JinaClient(options);
    }
}
