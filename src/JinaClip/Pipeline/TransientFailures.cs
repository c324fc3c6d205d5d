namespace JinaClip.Pipeline;

/// <summary>Which failures a retry may cure.</summary>
internal static class TransientFailures
{
    private static readonly int[] RetriedStatuses = [408, 429, 500, 502, 503, 504];

    public static bool IsTransient(Exception exception) => exception switch
    {
        // A success status with a broken or mismatched body: the transfer went wrong, the request was fine.
        JinaInvalidResponseException invalid => invalid.Retryable,
        JinaApiException api => Array.IndexOf(RetriedStatuses, (int)api.StatusCode) >= 0,
        HttpRequestException => true,
        TimeoutException => true,
        _ => false,
    };
}
