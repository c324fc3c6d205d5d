using JinaClip.Testing;

namespace JinaClip.Benchmarks.Loopback;

/// <summary>
/// The server side of <see cref="LoopbackReport"/>, run in a process of its own so that its CPU and allocations are not
/// counted against the clients: the emulator on Kestrel (127.0.0.1, a free port) in canned mode, answering every
/// request with the same pre-serialised 512 × 768 base64 body. Prints its address on the first line and stops when its
/// standard input closes.
/// </summary>
internal static class LoopbackServer
{
    public const int Count = 512;
    public const int Dimensions = 768;

    public static async Task<int> RunAsync()
    {
        var body = JinaEmulator.CannedEmbeddings(Count, Dimensions, base64: true, model: "jina-embeddings-v3");
        await using var server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { CannedResponse = body }));
        Console.WriteLine($"{server.BaseAddress} {body.Length}");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync(); // the parent closes our stdin (or dies) to stop us
        return 0;
    }
}
