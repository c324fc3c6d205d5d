using JinaClip;
using JinaClip.Testing;
using JinaClip.WebApi;

var builder = WebApplication.CreateBuilder(args);

// A key from appsettings.json (Jina:ApiKey) or JINA_API_KEY calls the real API; with neither, the in-process emulator
// answers, so the sample runs offline.
var offline = string.IsNullOrWhiteSpace(builder.Configuration["Jina:ApiKey"])
    && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(JinaClientOptions.ApiKeyEnvironmentVariable));
var jina = builder.Services.AddJinaClient(builder.Configuration);
if (offline)
{
    jina.UseJinaEmulator();
}

builder.Services.AddSingleton<Catalogue>();
builder.Services.AddHostedService<CatalogueIndexer>();

var app = builder.Build();
if (offline)
{
    app.Logger.LogWarning("No Jina API key configured (Jina:ApiKey or JINA_API_KEY): answering from the local emulator; vectors are stand-ins, not model output.");
}

app.MapPost("/embed", Endpoints.EmbedAsync);
app.MapPost("/similarity", Endpoints.SimilarityAsync);
app.MapPost("/search", Endpoints.SearchAsync);
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
