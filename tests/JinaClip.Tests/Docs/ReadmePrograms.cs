using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace JinaClip.Tests.Docs;

/// <summary>
/// The README's complete programs, compiled as a user would paste them into <c>dotnet new console</c> or
/// <c>dotnet new web</c>: the template's implicit usings, the framework it targets, and only the packages the block's
/// first line adds (each with its dependencies, from the restore's assets files), nothing else.
/// </summary>
internal static class ReadmePrograms
{
    private static readonly string[] ConsoleUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
    [
        .. ConsoleUsings, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    /// <summary>Compiles a complete program block and returns its errors and warnings.</summary>
    public static IReadOnlyList<Diagnostic> Compile(string[] lines)
    {
        var header = MarkdownSnippets.ProgramHeader().Match(lines[0]);
        if (!header.Success)
        {
            throw new ArgumentException($"Not a complete program's header: {lines[0]}", nameof(lines));
        }

        var web = header.Groups[1].Value == "web";
        var packages = header.Groups[2].Value.Split(" && dotnet add package ", StringSplitOptions.RemoveEmptyEntries);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(string.Join('\n', lines), parse, "Program.cs"),
            CSharpSyntaxTree.ParseText(string.Concat((web ? WebUsings : ConsoleUsings).Select(u => $"global using global::{u};\n")), parse, "GlobalUsings.g.cs"),
        };
        var compilation = CSharpCompilation.Create(
            "ReadmeProgram",
            trees,
            References(web, packages),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
    }

    private static IEnumerable<MetadataReference> References(bool web, string[] packages)
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string path) => files[Path.GetFileName(path)] = path;

        var aspNetCore = web || packages.Contains("JinaClip.Testing"); // JinaClip.Testing brings the ASP.NET Core framework (its loopback server)
        foreach (var dll in Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll"))
        {
            Add(dll);
        }

        if (aspNetCore)
        {
            foreach (var dll in Directory.GetFiles(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!, "*.dll"))
            {
                Add(dll);
            }
        }

        foreach (var package in packages)
        {
            foreach (var path in PackageClosure(package))
            {
                Add(path);
            }
        }

        return files.Values.Where(IsManaged).Select(p => MetadataReference.CreateFromFile(p));
    }

    /// <summary>A package's assemblies and its dependencies' compile assemblies for net10.0.</summary>
    private static IEnumerable<string> PackageClosure(string package)
    {
        var root = MarkdownSnippets.RepositoryRoot;
        if (package is "JinaClip" or "JinaClip.Testing" or "JinaClip.Imaging")
        {
            // Our packages: the built assembly and everything its project restored (the JinaClip project comes with the others).
            var own = new List<string> { Path.Combine(AppContext.BaseDirectory, package + ".dll") };
            if (package != "JinaClip")
            {
                own.AddRange(PackageClosure("JinaClip"));
            }

            own.AddRange(CompileAssets(Path.Combine(root, "src", package, "obj", "project.assets.json"), null));
            return own;
        }

        // Other packages: their closure as the test project restored them.
        return CompileAssets(Path.Combine(root, "tests", "JinaClip.Tests", "obj", "project.assets.json"), package);
    }

    private static List<string> CompileAssets(string assetsFile, string? from)
    {
        using var assets = JsonDocument.Parse(File.ReadAllBytes(assetsFile));
        var target = assets.RootElement.GetProperty("targets").GetProperty("net10.0");
        var libraries = assets.RootElement.GetProperty("libraries");
        var folder = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        var entries = target.EnumerateObject().Where(e => e.Value.GetProperty("type").GetString() == "package").ToDictionary(e => e.Name.Split('/')[0], e => e, StringComparer.OrdinalIgnoreCase);

        IEnumerable<string> names = entries.Keys;
        if (from is not null)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<string>([from]);
            while (pending.TryPop(out var name))
            {
                if (!seen.Add(name) || !entries.TryGetValue(name, out var entry))
                {
                    continue;
                }

                if (entry.Value.TryGetProperty("dependencies", out var dependencies))
                {
                    foreach (var dependency in dependencies.EnumerateObject())
                    {
                        pending.Push(dependency.Name);
                    }
                }
            }

            Assert.True(entries.ContainsKey(from), $"The package {from} is not restored by the test project, so a README block cannot be compiled with it.");
            names = seen;
        }

        var paths = new List<string>();
        foreach (var name in names.Where(entries.ContainsKey))
        {
            var entry = entries[name];
            if (!entry.Value.TryGetProperty("compile", out var compile))
            {
                continue;
            }

            var library = libraries.GetProperty(entry.Name).GetProperty("path").GetString()!;
            paths.AddRange(compile.EnumerateObject().Select(c => c.Name).Where(c => c.EndsWith(".dll", StringComparison.Ordinal)).Select(c => Path.Combine(folder, library, c)));
        }

        return paths;
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
