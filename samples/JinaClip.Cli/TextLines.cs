using System.Runtime.CompilerServices;
using System.Text;

namespace JinaClip.Cli;

/// <summary>
/// Reads a text file a line at a time with a cap on a line's length, so memory stays bounded whatever the file holds
/// (a 2 GB file without a newline is an error after the cap, not 2 GB of memory); only a regular, non-empty file is
/// opened (a FIFO would wait forever, <c>/dev/zero</c> would never end). Lines end at \n, \r\n or \r; a final line
/// ending does not make another line.
/// </summary>
internal static class TextLines
{
    /// <summary>The default cap on one line: 1 MiB of characters.</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    /// <summary>Checks that <paramref name="path"/> is a regular, non-empty file; <paramref name="option"/> names it in the error.</summary>
    public static void CheckFile(string path, string option)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw Directory.Exists(path)
                ? new ArgumentException($"{option} '{path}' is a folder, not a file.")
                : new FileNotFoundException($"{option} '{path}' does not exist.", path);
        }

        if (info.Length == 0)
        {
            throw new ArgumentException($"{option} '{path}' is empty, or not a regular file (a FIFO, device or socket); give a text file.");
        }
    }

    /// <summary>Reads the lines of <paramref name="path"/>, each at most <paramref name="maxLength"/> characters.</summary>
    public static async IAsyncEnumerable<string> ReadAsync(string path, string option, int maxLength, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckFile(path, option);
        using var reader = new StreamReader(path);
        var line = new StringBuilder();
        var buffer = new char[16 * 1024];
        var number = 1;
        var afterCarriageReturn = false;
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (c == '\n' && afterCarriageReturn)
                {
                    afterCarriageReturn = false;
                    continue;
                }

                afterCarriageReturn = c == '\r';
                if (c is '\n' or '\r')
                {
                    yield return line.ToString();
                    line.Clear();
                    number++;
                    continue;
                }

                if (line.Length == maxLength)
                {
                    throw new ArgumentException($"{option} '{path}': line {number:N0} is longer than {maxLength:N0} characters (--max-line-length); is it a text file?");
                }

                line.Append(c);
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
