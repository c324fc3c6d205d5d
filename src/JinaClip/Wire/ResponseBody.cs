using System.Buffers;
using System.Net;

namespace JinaClip.Wire;

/// <summary>
/// A response body read into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, never past a limit; dispose to
/// return the buffer. A <c>Content-Length</c> past the cap refuses the body before anything is read; one within it
/// sizes the buffer once, so a 2 MB body is not copied through a chain of doubling buffers (issue 30: that copying was
/// most of the client's lost throughput). A hostile length can therefore make the client rent at most the cap, which a
/// body that really is that long would take anyway. Without a length, the buffer starts at 64 KB and doubles as bytes
/// arrive; either way a body that does not keep to its declared length is still read only up to the cap.
/// </summary>
internal sealed class ResponseBody : IDisposable
{
    private const int FirstBuffer = 64 * 1024;

    private byte[] _buffer;

    private ResponseBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Reads the whole body, or throws as soon as it is known to exceed <paramref name="maxBytes"/>.</summary>
    /// <param name="content">The response content.</param>
    /// <param name="maxBytes">The cap.</param>
    /// <param name="status">The response status, for the exception.</param>
    /// <param name="describe">Says what the request could legitimately produce; called only when the cap is passed.</param>
    /// <param name="state">What <paramref name="describe"/> describes.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="JinaInvalidResponseException">The body is, or declares itself, larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<ResponseBody> ReadAsync<TState>(
        HttpContent content, long maxBytes, HttpStatusCode status, Func<TState, string> describe, TState state, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw TooLarge($"declares {declared:N0} bytes (Content-Length)", maxBytes, status, describe(state));
        }

        // A declared length within the cap sizes the buffer once (one more byte, so that a body longer than it declared is
        // still seen); without one, the buffer starts small and doubles as bytes arrive.
        var first = content.Headers.ContentLength is { } expected ? expected + 1 : Math.Min(FirstBuffer, maxBytes + 1);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(first, maxBytes + 1));
        var length = 0;
        try
        {
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    // Disposing the unread stream drops the connection instead of draining the rest.
                    throw TooLarge($"holds more than {maxBytes:N0} bytes", maxBytes, status, describe(state));
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return new ResponseBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JinaInvalidResponseException TooLarge(string how, long maxBytes, HttpStatusCode status, string what) =>
        new($"The response {how}, past the response cap of {maxBytes:N0} bytes that {what} can legitimately produce; it was not read further and the connection was dropped.", status)
        {
            Retryable = false,
        };
}
