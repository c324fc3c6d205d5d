using JinaClip;
using JinaClip.Imaging;
using JinaClip.Testing;
using JinaClip.WebApi.Api;
using JinaClip.WebApi.Catalogue;
using JinaClip.WebApi.Embeddings;
using JinaClip.WebApi.Gallery;
using Microsoft.Extensions.FileProviders;

var builder = WebApplication.CreateBuilder(args);

// A key from appsettings.json (Jina:ApiKey) or JINA_API_KEY calls the real API; with neither, the in-process emulator
// answers, so the sample runs offline.
var offline = string.IsNullOrWhiteSpace(builder.Configuration["Jina:ApiKey"])
    && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(JinaClientOptions.ApiKeyEnvironmentVariable));
var jina = builder.Services.AddJinaClient(builder.Configuration)
    .AddImageDownscaling(); // images go up at the size the model sees: a fraction of the tokens
if (offline)
{
    jina.UseJinaEmulator();
}

builder.Services.AddSingleton(new ApiMode(offline));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Pricing>();
builder.Services.AddSingleton<ProductCatalogue>();
builder.Services.AddHostedService<CatalogueIndexer>();
builder.Services.Configure<GalleryOptions>(builder.Configuration.GetSection("Gallery"));
builder.Services.Configure<RequestLimits>(builder.Configuration.GetSection("Limits"));
builder.Services.AddSingleton<ImageGallery>();
builder.Services.AddHostedService<GalleryIndexer>();

// One JSON convention, snake_case as the Jina API and the CLI use, through source-generated contracts.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
});
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(o => o.AddOperationTransformer<RequestBodyTransformer>());

var app = builder.Build();
if (offline)
{
    app.Logger.LogWarning("No Jina API key configured (Jina:ApiKey or JINA_API_KEY): answering from the local emulator; vectors are stand-ins, not model output.");
}

app.UseExceptionHandler();
app.UseStatusCodePages();

// The page: plain HTML, CSS and JavaScript beside the app's DLL; the gallery's images under /gallery/.
var page = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "page"));
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
var gallery = app.Services.GetRequiredService<ImageGallery>();
if (Directory.Exists(gallery.Folder))
{
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(gallery.Folder), RequestPath = GalleryEndpoints.ImagePath });
}

// The JSON API, described at /openapi/v1.json and tried out at /swagger.
app.MapOpenApi();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "JinaClip sample API");
    o.DocumentTitle = "JinaClip sample API";
});
EmbeddingEndpoints.Map(app);
CatalogueEndpoints.Map(app);
GalleryEndpoints.Map(app);
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
