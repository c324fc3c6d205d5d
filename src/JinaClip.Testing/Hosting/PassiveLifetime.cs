using Microsoft.Extensions.Hosting;

namespace JinaClip.Testing.Hosting;

/// <summary>
/// The emulator server's host lifetime: it listens to no Ctrl+C or SIGTERM, so a console app that hosts the emulator
/// keeps its own shutdown (the default console lifetime would take the signal and leave the app running).
/// </summary>
internal sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
