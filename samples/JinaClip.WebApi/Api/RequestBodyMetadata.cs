namespace JinaClip.WebApi.Api;

/// <summary>
/// Tells the OpenAPI document what an endpoint's body is, without <c>Accepts</c>: <c>Accepts</c> makes routing answer a
/// wrong or missing content type with a bare 415 before the handler runs, and the handlers name the problem themselves.
/// </summary>
/// <param name="Type">The JSON body's type, or <see langword="null"/> for an image upload (multipart/form-data, field <c>image</c>).</param>
internal sealed record RequestBodyMetadata(Type? Type);
