using Microsoft.AspNetCore.WebUtilities;

namespace JinaClip.WebApi.Api;

/// <summary>
/// Every error answer of the JSON API: an <c>application/problem+json</c> body whose <c>detail</c> names the problem, logged
/// with the request's method and path. Bad input (<see cref="ArgumentException"/>) is a 400; an API failure keeps its status.
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
        var body = await JsonBody.ReadAsync(http.Request, type, example, http.RequestAborted);
        return body.Value is null ? Problem(http, body.Status, body.Problem!) : await GuardAsync(http, () => handle(body.Value));
    }

    public static async Task<IResult> GuardAsync(HttpContext http, Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            return Problem(http, StatusCodes.Status400BadRequest, message);
        }
        catch (JinaApiException ex)
        {
            return Problem(http, (int)ex.StatusCode, ex.Message);
        }
        catch (TimeoutException ex)
        {
            return Problem(http, StatusCodes.Status504GatewayTimeout, ex.Message);
        }
    }
}
