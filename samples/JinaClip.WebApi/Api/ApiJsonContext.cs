using System.Text.Json.Serialization;
using JinaClip.WebApi.Catalogue;
using JinaClip.WebApi.Embeddings;
using JinaClip.WebApi.Gallery;

namespace JinaClip.WebApi.Api;

/// <summary>The JSON API's types, source-generated, with snake_case names as the Jina API and the CLI's <c>--json</c> use.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmbedRequest))]
[JsonSerializable(typeof(EmbedResponse))]
[JsonSerializable(typeof(SimilarityRequest))]
[JsonSerializable(typeof(SimilarityResponse))]
[JsonSerializable(typeof(CatalogueSearchRequest))]
[JsonSerializable(typeof(CatalogueResults))]
[JsonSerializable(typeof(GallerySearchRequest))]
[JsonSerializable(typeof(GalleryResults))]
[JsonSerializable(typeof(GalleryStatus))]
[JsonSerializable(typeof(GalleryImages))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
