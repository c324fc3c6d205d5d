namespace JinaClip.WebApi.Api;

/// <summary>A request body read by <see cref="JsonBody"/>: the value, or the status and sentence that explain why not.</summary>
/// <typeparam name="T">The body's type.</typeparam>
/// <param name="Value">The body, when it was read.</param>
/// <param name="Status">The HTTP status of the problem, when it was not.</param>
/// <param name="Problem">What is wrong with the request, in one sentence.</param>
internal readonly record struct BodyResult<T>(T? Value, int Status, string? Problem)
    where T : class;
