using Microsoft.Extensions.Configuration;

namespace JinaClip.DependencyInjection;

/// <summary>
/// Binds the options from a configuration section through the configuration binder's source generator
/// (<c>EnableConfigurationBindingGenerator</c>): no reflection, so trim/AOT safe. A value that does not parse is an
/// <see cref="InvalidOperationException"/> naming its full key and the type it should have been.
/// </summary>
internal static class ConfigurationReader
{
    public static void Bind(IConfiguration section, JinaClientOptions options)
    {
        var settings = new JinaClientSettings();
        section.Bind(settings);
        settings.ApplyTo(options);
    }

    public static void BindRerank(IConfiguration section, JinaRerankClientOptions options) => section.Bind(options);

    public static string Key(string path, string name) => path.Length == 0 ? name : $"{path}:{name}";
}
