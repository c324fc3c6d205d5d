namespace JinaClip.Http;

/// <summary>Where the API key may be sent: https anywhere, plain http only to a loopback host.</summary>
internal static class EndpointPolicy
{
    /// <summary>Checks <paramref name="endpoint"/> and returns the embeddings URL under it.</summary>
    /// <exception cref="ArgumentException">The endpoint is not absolute, not http(s), or plain http to a non-loopback host.</exception>
    public static Uri EmbeddingsUri(Uri? endpoint, string paramName) => new(BaseUri(endpoint, paramName), "v1/embeddings");

    /// <summary>Checks <paramref name="endpoint"/> and returns it ending with a slash, so paths resolve under it.</summary>
    /// <exception cref="ArgumentException">The endpoint is not absolute, not http(s), or plain http to a non-loopback host.</exception>
    public static Uri BaseUri(Uri? endpoint, string paramName)
    {
        if (endpoint is null || !endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("JinaClientOptions.Endpoint must be an absolute https URL, such as https://api.jina.ai/.", paramName);
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            throw new ArgumentException(
                $"JinaClientOptions.Endpoint '{endpoint}' uses plain http, which would send the API key unencrypted. Use https; plain http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]).",
                paramName);
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"JinaClientOptions.Endpoint '{endpoint}' must be an https URL.", paramName);
        }

        if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            throw new ArgumentException($"JinaClientOptions.Endpoint '{endpoint}' must not have a query or fragment.", paramName);
        }

        return endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }
}
