using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JinaClip.Tests.DependencyInjection;

/// <summary>appsettings.json binds every public option that a value can hold, through the binder's source generator.</summary>
public sealed class ConfigurationBindingTests
{
    /// <summary>Options that hold objects only code can make; every other public settable option must bind.</summary>
    private static readonly HashSet<string> CodeOnly =
    [
        "TimeProvider", "RequestRateLimiter", "TokenRateLimiter", "ConcurrencyLimiter", "LoggerFactory", "ImagePreprocessor",
        "TokenEstimatorOptions:TextTokenCounter", "TokenEstimatorOptions:ImagePreprocessor", "TokenEstimatorOptions:ImageUrls:HttpClient",
    ];

    private const string AppSettings = """
        {
          "Jina": {
            "ApiKey": "jina_appsettings",
            "Endpoint": "http://127.0.0.1:9/",
            "DefaultModel": "jina-clip-v2",
            "ModelCatalogCacheDuration": "00:07:00",
            "NetworkTimeout": "00:01:30",
            "ValidateRequests": false,
            "AllowUnrecognizedImageFormats": true,
            "Retry": { "MaxRetryAttempts": 7, "BaseDelay": "00:00:02", "MaxDelay": "00:00:40", "UseJitter": false, "MaxRetryAfter": "00:02:00" },
            "TotalTimeout": "00:09:00",
            "MaxBatchSize": 64,
            "MaxTokensPerRequest": 5000,
            "MaxEstimatedTokensPerCall": 123456,
            "TokenEstimatorOptions": {
              "ImageRules": { "my-model": { "TileSize": 256, "TokensPerTile": 700 } },
              "ImageUrls": { "AllowNonPublicAddresses": true, "Timeout": "00:00:03", "MaxRedirects": 1 },
              "DownloadImageUrls": true
            },
            "DownloadImageUrls": true,
            "MaxConcurrency": 3,
            "RequestsPerMinute": 100,
            "TokensPerMinute": 200000,
            "MaxConcurrentRequests": 5,
            "Rerank": { "DefaultModel": "jina-reranker-m0" }
          }
        }
        """;

    private static readonly Dictionary<string, object> Expected = new(StringComparer.Ordinal)
    {
        ["ApiKey"] = "jina_appsettings",
        ["Endpoint"] = new Uri("http://127.0.0.1:9/"),
        ["DefaultModel"] = "jina-clip-v2",
        ["ModelCatalogCacheDuration"] = TimeSpan.FromMinutes(7),
        ["NetworkTimeout"] = TimeSpan.FromSeconds(90),
        ["ValidateRequests"] = false,
        ["AllowUnrecognizedImageFormats"] = true,
        ["Retry:MaxRetryAttempts"] = 7,
        ["Retry:BaseDelay"] = TimeSpan.FromSeconds(2),
        ["Retry:MaxDelay"] = TimeSpan.FromSeconds(40),
        ["Retry:UseJitter"] = false,
        ["Retry:MaxRetryAfter"] = TimeSpan.FromMinutes(2),
        ["TotalTimeout"] = TimeSpan.FromMinutes(9),
        ["MaxBatchSize"] = 64,
        ["MaxTokensPerRequest"] = 5000,
        ["MaxEstimatedTokensPerCall"] = 123456L,
        ["TokenEstimatorOptions:ImageRules"] = new ImageTokenRule(256, 700),
        ["TokenEstimatorOptions:ImageUrls:AllowNonPublicAddresses"] = true,
        ["TokenEstimatorOptions:ImageUrls:Timeout"] = TimeSpan.FromSeconds(3),
        ["TokenEstimatorOptions:ImageUrls:MaxRedirects"] = 1,
        ["TokenEstimatorOptions:DownloadImageUrls"] = true,
        ["DownloadImageUrls"] = true,
        ["MaxConcurrency"] = 3,
        ["RequestsPerMinute"] = 100,
        ["TokensPerMinute"] = 200000,
        ["MaxConcurrentRequests"] = 5,
    };

    [Fact]
    public void AppSettings_BindsEveryPublicSettableOption_AndEveryOtherOptionIsCodeOnly()
    {
        using var host = Build(AppSettings);
        var options = host.Services.GetRequiredService<IOptions<JinaClientOptions>>().Value;
        var defaults = new JinaClientOptions { TokenEstimatorOptions = new TokenEstimatorOptions() };

        var problems = new List<string>();
        foreach (var (path, actual, fresh) in Leaves(options, defaults, prefix: null))
        {
            if (CodeOnly.Contains(path))
            {
                continue;
            }

            if (!Expected.TryGetValue(path, out var expected))
            {
                problems.Add($"{path} is a new option: give it a value in this test's appsettings.json (and bind it), or list it as code-only.");
                continue;
            }

            var got = actual is Dictionary<string, ImageTokenRule> rules ? rules.GetValueOrDefault("my-model") : actual;
            var before = fresh is Dictionary<string, ImageTokenRule> freshRules ? freshRules.GetValueOrDefault("my-model") : fresh;
            if (!Equals(expected, got) || Equals(expected, before))
            {
                problems.Add($"{path}: configured {expected}, bound {got ?? "null"} (default {before ?? "null"})");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), Leaves(options, defaults, null).Select(l => l.Path).Where(p => !CodeOnly.Contains(p)).Order(StringComparer.Ordinal));
        Assert.Equal(JinaModels.RerankerM0, host.Services.GetRequiredService<IOptionsMonitor<JinaRerankClientOptions>>().Get(Options.DefaultName).DefaultModel);
    }

    [Fact]
    public void AppSettings_AValueThatDoesNotParse_NamesItsKey()
    {
        using var host = Build("""{ "Jina": { "ApiKey": "jina_x", "Retry": { "MaxRetryAttempts": "lots" } } }""");

        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IOptions<JinaClientOptions>>().Value);

        Assert.Contains("Jina:Retry:MaxRetryAttempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lots", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(string json)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        builder.Services.AddJinaClient(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Every public settable option and every option object's members, by configuration path.</summary>
    private static IEnumerable<(string Path, object? Value, object? Default)> Leaves(object options, object defaults, string? prefix)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var path = prefix is null ? property.Name : $"{prefix}:{property.Name}";
            var value = property.GetValue(options);
            var fresh = property.GetValue(defaults);
            if (property.PropertyType == typeof(JinaRetryOptions) || property.PropertyType == typeof(TokenEstimatorOptions) || property.PropertyType == typeof(ImageUrlFetchOptions))
            {
                foreach (var leaf in Leaves(value!, fresh!, path))
                {
                    yield return leaf;
                }
            }
            else if (property.SetMethod is { IsPublic: true } || property.PropertyType.IsGenericType)
            {
                yield return (path, value, fresh);
            }
        }
    }
}
