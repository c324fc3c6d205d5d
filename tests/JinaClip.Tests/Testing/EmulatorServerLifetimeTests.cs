using JinaClip.Testing;

namespace JinaClip.Tests.Testing;

/// <summary>The emulator server in a console app leaves Ctrl+C and SIGTERM to the app.</summary>
public class EmulatorServerLifetimeTests
{
    [Fact]
    public async Task Server_DoesNotUseTheConsoleLifetime()
    {
        await using var server = await JinaEmulatorServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("PassiveLifetime", server.Lifetime.GetType().Name);
    }
}
