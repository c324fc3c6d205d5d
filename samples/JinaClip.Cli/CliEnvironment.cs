namespace JinaClip.Cli;

/// <summary>What the CLI reads from its surroundings, replaceable in tests.</summary>
/// <param name="ApiKey">The <c>JINA_API_KEY</c> environment variable, if set.</param>
internal sealed record CliEnvironment(string? ApiKey)
{
    public static CliEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable(JinaClientOptions.ApiKeyEnvironmentVariable));
}
