using BenchmarkDotNet.Attributes;
using JinaClip.Testing;

namespace JinaClip.Benchmarks.Client;

/// <summary>
/// Issue 9, request side: one call with 64 image files of 200 KB each against the canned loopback emulator. The base64
/// payload (≈ 17 MB) is written as UTF-8 bytes into a pooled buffer, never as a string. Allocated bytes per image are
/// compared with the file's size (the bytes read from disk are the floor).
/// </summary>
[MemoryDiagnoser]
public class ImageUploadBenchmarks
{
    private const int Files = 64;
    private const int FileSize = 200 * 1024;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"jinaclip-bench-{Guid.NewGuid():N}");
    private EmbeddingInput[] _inputs = null!;
    private JinaEmulatorServer _server = null!;
    private JinaEmbeddingClient _client = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Directory.CreateDirectory(_folder);
        var rng = new Random(9);
        var paths = new List<string>();
        for (var i = 0; i < Files; i++)
        {
            var bytes = new byte[FileSize];
            rng.NextBytes(bytes);
            new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }.CopyTo(bytes, 0); // starts like a JPEG, as the SDK checks; the rest is noise
            var path = Path.Combine(_folder, $"image{i}.jpg");
            await File.WriteAllBytesAsync(path, bytes);
            paths.Add(path);
        }

        _inputs = paths.Select(EmbeddingInput.FromImageFile).ToArray();
        _server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { CannedResponse = JinaEmulator.CannedEmbeddings(Files, 768) }));
        _client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "bench", Endpoint = _server.BaseAddress });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Allocated ÷ 64 = bytes per image; compare with 204,800 B per file.</summary>
    [Benchmark]
    public async Task<int> Embed64ImageFiles() => (await _client.EmbedAsync(_inputs)).Count;
}
