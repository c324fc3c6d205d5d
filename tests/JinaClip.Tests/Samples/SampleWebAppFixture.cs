namespace JinaClip.Tests.Samples;

/// <summary>One web sample process, started with <c>dotnet run</c>, shared by the tests of <see cref="WebSampleProcess"/>.</summary>
public sealed class SampleWebAppFixture : IAsyncLifetime
{
    private SampleWebApp? _app;

    internal SampleWebApp App => _app ?? throw new InvalidOperationException("The web sample has not started.");

    public async ValueTask InitializeAsync() => _app = await SampleWebApp.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
