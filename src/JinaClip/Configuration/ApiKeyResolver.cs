namespace JinaClip.Configuration;

/// <summary>Finds the API key: the options first, then the <c>JINA_API_KEY</c> environment variable.</summary>
internal static class ApiKeyResolver
{
    /// <exception cref="ArgumentException">Neither place has a key.</exception>
    public static string Resolve(string? configured, string paramName)
    {
        var key = string.IsNullOrWhiteSpace(configured)
            ? Environment.GetEnvironmentVariable(JinaClientOptions.ApiKeyEnvironmentVariable)
            : configured;
        if (key is null || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException(
                $"No Jina API key was found. Set JinaClientOptions.ApiKey (or pass the key to the constructor), or set the {JinaClientOptions.ApiKeyEnvironmentVariable} environment variable. Keys are issued at https://jina.ai/api-dashboard/key-manager. To work without a key (tests, demos), use JinaEmulator from the JinaClip.Testing package.",
                paramName);
        }

        return key.Trim();
    }
}
