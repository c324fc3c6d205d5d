using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace JinaClip.DependencyInjection;

/// <summary>
/// Binds <see cref="JinaClientOptions"/> from a configuration section by hand (no reflection, so trim/AOT safe). Keys
/// match the option names; a value that does not parse is an error naming its full key.
/// </summary>
internal static class ConfigurationReader
{
    public static void Bind(IConfiguration section, JinaClientOptions options)
    {
        var path = section is IConfigurationSection s ? s.Path : string.Empty;
        options.ApiKey = section[nameof(JinaClientOptions.ApiKey)] ?? options.ApiKey;
        if (section[nameof(JinaClientOptions.Endpoint)] is { } endpoint)
        {
            options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw Bad(path, nameof(JinaClientOptions.Endpoint), endpoint, "an absolute URL");
        }

        options.DefaultModel = section[nameof(JinaClientOptions.DefaultModel)] ?? options.DefaultModel;
        Int(section, path, nameof(JinaClientOptions.MaxBatchSize), v => options.MaxBatchSize = v);
        Int(section, path, nameof(JinaClientOptions.MaxTokensPerRequest), v => options.MaxTokensPerRequest = v);
        Int(section, path, nameof(JinaClientOptions.MaxConcurrency), v => options.MaxConcurrency = v);
        Int(section, path, nameof(JinaClientOptions.RequestsPerMinute), v => options.RequestsPerMinute = v);
        Int(section, path, nameof(JinaClientOptions.TokensPerMinute), v => options.TokensPerMinute = v);
        if (section[nameof(JinaClientOptions.MaxEstimatedTokensPerCall)] is { } budget)
        {
            options.MaxEstimatedTokensPerCall = long.TryParse(budget, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : throw Bad(path, nameof(JinaClientOptions.MaxEstimatedTokensPerCall), budget, "a whole number");
        }

        Time(section, path, nameof(JinaClientOptions.NetworkTimeout), v => options.NetworkTimeout = v);
        Time(section, path, nameof(JinaClientOptions.ModelCatalogCacheDuration), v => options.ModelCatalogCacheDuration = v);
        Time(section, path, nameof(JinaClientOptions.TotalTimeout), v => options.TotalTimeout = v);
        if (section[nameof(JinaClientOptions.ValidateRequests)] is { } validate)
        {
            options.ValidateRequests = bool.TryParse(validate, out var v) ? v : throw Bad(path, nameof(JinaClientOptions.ValidateRequests), validate, "true or false");
        }

        if (section[nameof(JinaClientOptions.AllowUnrecognizedImageFormats)] is { } allowFormats)
        {
            options.AllowUnrecognizedImageFormats = bool.TryParse(allowFormats, out var a) ? a : throw Bad(path, nameof(JinaClientOptions.AllowUnrecognizedImageFormats), allowFormats, "true or false");
        }

        var retry = section.GetSection(nameof(JinaClientOptions.Retry));
        var retryPath = Key(path, nameof(JinaClientOptions.Retry));
        Int(retry, retryPath, nameof(JinaRetryOptions.MaxRetryAttempts), v => options.Retry.MaxRetryAttempts = v);
        Time(retry, retryPath, nameof(JinaRetryOptions.BaseDelay), v => options.Retry.BaseDelay = v);
        Time(retry, retryPath, nameof(JinaRetryOptions.MaxDelay), v => options.Retry.MaxDelay = v);
        Time(retry, retryPath, nameof(JinaRetryOptions.MaxRetryAfter), v => options.Retry.MaxRetryAfter = v);
        if (retry[nameof(JinaRetryOptions.UseJitter)] is { } jitter)
        {
            options.Retry.UseJitter = bool.TryParse(jitter, out var j) ? j : throw Bad(retryPath, nameof(JinaRetryOptions.UseJitter), jitter, "true or false");
        }
    }

    public static void BindRerank(IConfiguration section, JinaRerankClientOptions options) =>
        options.DefaultModel = section[nameof(JinaRerankClientOptions.DefaultModel)] ?? options.DefaultModel;

    public static string Key(string path, string name) => path.Length == 0 ? name : $"{path}:{name}";

    private static void Int(IConfiguration section, string path, string name, Action<int> set)
    {
        if (section[name] is { } value)
        {
            set(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(path, name, value, "a whole number"));
        }
    }

    private static void Time(IConfiguration section, string path, string name, Action<TimeSpan> set)
    {
        if (section[name] is { } value)
        {
            set(TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(path, name, value, "a time span such as 00:01:00"));
        }
    }

    private static InvalidOperationException Bad(string path, string name, string value, string expected) =>
        new($"Configuration value {Key(path, name)} = '{(name == nameof(JinaClientOptions.ApiKey) ? "***" : value)}' is not {expected}.");
}
