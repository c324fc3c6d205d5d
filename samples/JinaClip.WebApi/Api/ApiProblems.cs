using Microsoft.AspNetCore.WebUtilities;

namespace JinaClip.WebApi.Api;

/// <summary>
/// Every error answer of the JSON API: an <c>application/problem+json</c> body, logged as a warning (never with a stack
/// trace) with the request's method and path. Bad input (<see cref="ArgumentException"/>, a refused image URL) is a 400
/// whose <c>detail</c> names the problem. A failure of the Jina API (an error status, an invalid answer, a broken
/// connection) is a 502, and a timeout a 504, whose <c>detail</c> is generic and carries a trace id: the API's own text
/// is logged for the deployer, never handed to an anonymous client.
/// </summary>
internal static class ApiProblems
{
    public static IResult Problem(HttpContext http, int status, string detail)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("JinaClip.WebApi.Api");
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("{Method} {Path} answered {Status}: {Detail}", http.Request.Method, http.Request.Path.Value, status, detail);
        }

        return Results.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status));
    }

    /// <summary>Reads the JSON body, runs <paramref name="handle"/> on it, and turns bad input and API failures into problems.</summary>
    public static async Task<IResult> HandleAsync<T>(
        HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string example, Func<T, Task<IResult>> handle)
        where T : class
    {
        return await GuardAsync(http, async () =>
        {
            var body = await JsonBody.ReadAsync(http.Request, type, example, http.RequestAborted);
            return body.Value is null ? Problem(http, body.Status, body.Problem!) : await handle(body.Value);
        });
    }

    /// <summary>A library message as a client of this API reads it: without advice about a library option only the app's developer can set.</summary>
    public static string ForClients(string message) =>
        message.Replace("; to send another format, set JinaClientOptions.AllowUnrecognizedImageFormats to true.", ".", StringComparison.Ordinal);

    public static async Task<IResult> GuardAsync(HttpContext http, Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            return Problem(http, StatusCodes.Status400BadRequest, ForClients(message));
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own refusals: a body over its limit (413), a body cut short, a malformed request (400).
            return Problem(http, ex.StatusCode, ex.Message);
        }
        catch (JinaUrlRefusedException ex)
        {
            return Problem(http, StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (Exception ex) when (ex is JinaApiException or JinaBatchException or HttpRequestException)
        {
            return Upstream(http, StatusCodes.Status502BadGateway, ex);
        }
        catch (TimeoutException ex)
        {
            return Upstream(http, StatusCodes.Status504GatewayTimeout, ex);
        }
    }

    /// <summary>An upstream failure: the API's text (already scrubbed of the key by the SDK) goes to the log, a trace id to the client.</summary>
    private static IResult Upstream(HttpContext http, int status, Exception error)
    {
        var traceId = System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier; // the id AddProblemDetails writes as trace_id too
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("JinaClip.WebApi.Api");
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning(
                "{Method} {Path} answered {Status} (trace {TraceId}): the Jina API call failed: {Error}",
                http.Request.Method, http.Request.Path.Value, status, traceId, $"{error.GetType().Name}: {error.Message}");
        }

        var detail = $"The embeddings service could not answer this request. It was logged with trace id {traceId}.";
        return Results.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), extensions: new Dictionary<string, object?> { ["trace_id"] = traceId });
    }
}
