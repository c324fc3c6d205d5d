using JinaClip.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// "plain": the emulator in a console app that handles no signal itself, so Ctrl+C and SIGTERM must end the process.
// "host": the emulator inside a generic host, whose own lifetime must get Ctrl+C and SIGTERM and stop in order.
if (args is ["plain"])
{
    await using var server = await JinaEmulatorServer.StartAsync();
    Console.WriteLine($"listening on {server.BaseAddress}");
    await Task.Delay(Timeout.Infinite);
}
else if (args is ["host"])
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders(); // stdout carries only the lines the test reads
    builder.Services.AddHostedService<EmulatorService>();
    await builder.Build().RunAsync();
    Console.WriteLine("host stopped");
}
else
{
    Console.Error.WriteLine("usage: JinaClip.EmulatorHost plain|host");
    return 2;
}

return 0;

/// <summary>Runs the emulator on a loopback port for as long as the host runs.</summary>
internal sealed class EmulatorService : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var server = await JinaEmulatorServer.StartAsync(cancellationToken: stoppingToken);
        Console.WriteLine($"listening on {server.BaseAddress}");
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("emulator stopping");
        }
    }
}
