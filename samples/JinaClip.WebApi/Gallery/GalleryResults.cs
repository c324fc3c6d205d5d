using JinaClip.WebApi.Api;

namespace JinaClip.WebApi.Gallery;

/// <summary>The answer of <c>POST /api/gallery/search</c> and <c>POST /api/gallery/similar</c>: ranked images and the query's cost.</summary>
/// <param name="Query">The text searched for, or the uploaded file's name.</param>
/// <param name="Model">The model that embedded the query.</param>
/// <param name="Results">The best matches, best first.</param>
/// <param name="Usage">The tokens the query's embedding used and their estimated cost.</param>
public sealed record GalleryResults(string Query, string Model, GalleryHit[] Results, QueryUsage Usage, string? QueryTag = null, float? QueryTagScore = null);
