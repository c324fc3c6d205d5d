using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinaClip.WebApi.Api;

/// <summary>Writes the request body of each endpoint marked with <see cref="RequestBodyMetadata"/> into the OpenAPI document.</summary>
internal sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyMetadata>().FirstOrDefault() is not { } body)
        {
            return;
        }

        var (contentType, schema) = body.Type is { } type
            ? ("application/json", await context.GetOrCreateSchemaAsync(type, null, cancellationToken))
            : ("multipart/form-data", UploadSchema());
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
        };
    }

    private static OpenApiSchema UploadSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "image" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["image"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The image (at most 8 MiB)." },
            ["top"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "How many images (1 to 50; default 8)." },
        },
    };
}
