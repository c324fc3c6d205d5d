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

// Every API request spends the deployer's tokens: a fixed window per client address (ASP.NET Core's rate limiter).
var limits = builder.Configuration.GetSection("Limits").Get<RequestLimits>() ?? new RequestLimits();
var perClient = limits.RequestsPerMinutePerClient;

// Each image decoded takes at most 64 MiB however small its file (a 6 KB PNG can claim 50 megapixels); this many at once.
if (limits.ImageDecodesAtOnce is { } decodes)
{
    SkiaImageDownscaler.MaxConcurrentDecodes = decodes;
}

builder.Services.AddRateLimiter(o =>
{
    o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(http =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = perClient, Window = TimeSpan.FromMinutes(1) })
            : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("page"));
    o.OnRejected = (context, _) => new ValueTask(ApiProblems.Problem(
        context.HttpContext, StatusCodes.Status429TooManyRequests, $"More than {perClient} requests in a minute from this client; wait a minute.").ExecuteAsync(context.HttpContext));
});
builder.Services.AddSingleton<ImageGallery>();
builder.Services.AddHostedService<GalleryIndexer>();

// One JSON convention, snake_case as the Jina API and the CLI use, through source-generated contracts.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
});
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(o =>
{
    o.AddOperationTransformer<RequestBodyTransformer>();
    // No "servers" entry taken from the request's Host header: clients resolve paths against where they fetched it.
    o.AddDocumentTransformer((document, _, _) =>
    {
        document.Servers = [];
        return Task.CompletedTask;
    });
});

var app = builder.Build();
if (offline)
{
    app.Logger.LogWarning("No Jina API key configured (Jina:ApiKey or JINA_API_KEY): answering from the local emulator; vectors are stand-ins, not model output.");
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseSameOriginWrites();
app.UseRateLimiter();

// The page: plain HTML, CSS and JavaScript beside the app's DLL; the gallery's images under /gallery/.
var page = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "page"));
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
GalleryFiles.Map(app); // the indexed images only, never another file of the folder nor a link out of it

// The JSON API, described at /openapi/v1.json; Swagger UI to try it out in Development only.
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.UseSwaggerUI(o =>
    {
        o.SwaggerEndpoint("/openapi/v1.json", "JinaClip sample API");
        o.DocumentTitle = "JinaClip sample API";
    });
}

EmbeddingEndpoints.Map(app);
CatalogueEndpoints.Map(app);
GalleryEndpoints.Map(app);
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
