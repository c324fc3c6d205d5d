using JinaClip;
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
}
