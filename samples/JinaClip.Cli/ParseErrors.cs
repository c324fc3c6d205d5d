using System.CommandLine;
using System.Text.RegularExpressions;

namespace JinaClip.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into one clear line: the first real problem, in the CLI's words (no CLR
/// type names), with a did-you-mean suggestion for a mistyped command or option.
/// </summary>
internal static partial class ParseErrors
{
    public static string Describe(ParseResult parsed)
    {
        var messages = parsed.Errors.Select(e => e.Message).ToList();
        var command = parsed.CommandResult.Command;

        // A mistyped token explains "Required command was not provided" too: report it first, alone.
        var unknown = messages.Select(m => UnrecognizedToken().Match(m)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        if (unknown is not null)
        {
            var candidates = unknown.StartsWith('-')
                ? command.Options.Select(o => o.Name)
                : command.Subcommands.Select(c => c.Name);
            var suggestion = Closest(unknown, candidates);
            var what = unknown.StartsWith('-') ? $"an option of '{Name(command)}'" : command.Parents.FirstOrDefault() is null ? "a jinaclip command" : $"an argument of '{Name(command)}'";
            return $"'{unknown}' is not {what}.{(suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?")}";
        }

        var first = messages.FirstOrDefault() ?? "the command line could not be read";
        if (first.StartsWith("Required command was not provided", StringComparison.Ordinal))
        {
            return $"'{Name(command)}' needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}.";
        }

        // "Argument 'bogus' not recognized. Must be one of:\n\t'auto'\n\t'crop'\n\t'off'." in one line, naming the option.
        var notAmong = NotAmong().Match(first);
        if (notAmong.Success)
        {
            var option = parsed.Errors.Count > 0 && parsed.Errors[0].SymbolResult is System.CommandLine.Parsing.OptionResult o ? o.Option.Name : "the option";
            var allowed = Quoted().Matches(notAmong.Groups[2].Value).Select(m => m.Groups[1].Value).ToArray();
            return $"'{notAmong.Groups[1].Value}' is not a valid value for {option}: expected {string.Join(", ", allowed[..^1])} or {allowed[^1]}.";
        }

        var typed = CannotParse().Match(first);
        if (typed.Success)
        {
            return $"'{typed.Groups[1].Value}' is not a valid value for {typed.Groups[2].Value}: expected {Kind(typed.Groups[3].Value)}.";
        }

        return first.TrimEnd('.') + ".";
    }

    private static string Name(Command command) => command.Parents.FirstOrDefault() is null ? "jinaclip" : $"jinaclip {command.Name}";

    private static string Kind(string clrType) => clrType switch
    {
        _ when clrType.Contains("Int32", StringComparison.Ordinal) || clrType.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when clrType.Contains("Decimal", StringComparison.Ordinal) || clrType.Contains("Double", StringComparison.Ordinal) => "a number",
        _ when clrType.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ => "a different kind of value",
    };

    /// <summary>The candidate nearest to <paramref name="token"/> by edit distance, when it is near enough to be a typo.</summary>
    private static string? Closest(string token, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(token, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, token.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }

    [GeneratedRegex(@"^Unrecognized command or argument '(.+)'\.$")]
    private static partial Regex UnrecognizedToken();

    [GeneratedRegex(@"^Cannot parse argument '(.*)' for option '(.+)' as expected type '(.+)'\.$")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Argument '(.*)' not recognized\. Must be one of:(.*)$", RegexOptions.Singleline)]
    private static partial Regex NotAmong();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();
}
