using JinaClip;
using JinaClip.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "ASP.NET Core and dependency injection". Compiled, not run.</summary>
public static class AspNetCoreSnippets
{
    public static void Registration(WebApplicationBuilder builder)
    {
        #region dependency injection
        // appsettings.json: { "Jina": { "ApiKey": "...", "DefaultModel": "jina-clip-v1", "MaxConcurrency": 4, "Retry": { "MaxRetryAttempts": 3 } } }
        builder.Services.AddJinaClient(builder.Configuration);              // section "Jina"; returns IHttpClientBuilder
        builder.Services.AddJinaClient(o => o.DefaultModel = JinaModels.ClipV2);  // or in code

        // Several clients side by side, as keyed services:
        builder.Services.AddKeyedJinaClient("images", builder.Configuration.GetSection("Jina:images"));
        builder.Services.AddKeyedJinaClient("texts", o => o.DefaultModel = JinaModels.EmbeddingsV3);

        var app = builder.Build();
        app.MapPost("/q", ([FromKeyedServices("texts")] JinaEmbeddingClient texts, string q) => texts.EmbedTextAsync(q));
        #endregion
    }

    public static void Offline(WebApplicationBuilder builder)
    {
        #region offline dependency injection
        // No key, no network: the registered clients answer from the in-memory emulator (package JinaClip.Testing).
        builder.Services.AddJinaClient(builder.Configuration).UseJinaEmulator();
        #endregion
    }
}
