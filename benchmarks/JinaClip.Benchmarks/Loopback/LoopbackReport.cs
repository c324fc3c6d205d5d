using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using OpenAI;
using OpenAI.Embeddings;

namespace JinaClip.Benchmarks.Loopback;

/// <summary>
/// Issue 30's loopback benchmark: what users run, end to end over a real socket. A Kestrel server in another process
/// (<see cref="LoopbackServer"/>) answers every request with one canned 512 × 768 base64 body (2.1 MB). Three clients
/// each send their requests one after another and read every vector into floats: JinaClip's
/// <see cref="JinaEmbeddingClient"/>, the OpenAI .NET SDK's <see cref="EmbeddingClient"/> and the hand-tuned
/// <see cref="ReferenceClient"/>. After a warm-up, the clients take turns in interleaved rounds (the order rotates each
/// round), and each round records wall time, this process's CPU time, the bytes it allocated and the thread-pool work
/// items it ran, so a noisy machine shows up as a spread of per-round ratios rather than as a bias against whichever
/// client ran last; the ratios reported are the medians of the per-round ratios. With <c>allocations</c>, the bytes
/// allocated are also sampled by type (<see cref="AllocationSampler"/>).
/// <c>dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- loopback [requests per client, default 1000] [rounds, default 100] [only these clients, comma-separated] [allocations]</c>
/// </summary>
internal static class LoopbackReport
{
    private const string Model = "jina-embeddings-v3";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 1 && args[1] == "server")
        {
            return await LoopbackServer.RunAsync();
        }

        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        var perRound = Math.Max(1, requests / rounds);
        using var server = Process.Start(SelfStart("loopback", "server"))!;
        try
        {
            var first = (await server.StandardOutput.ReadLineAsync())!.Split(' ');
            var endpoint = new Uri(first[0]);
            Console.WriteLine($"server: pid {server.Id} at {endpoint}, canned body {int.Parse(first[1], CultureInfo.InvariantCulture):N0} bytes ({LoopbackServer.Count} × {LoopbackServer.Dimensions} base64)");
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}; {rounds} rounds × {perRound} requests a client, sequential");
            var texts = Enumerable.Range(0, LoopbackServer.Count).Select(i => $"product title number {i} with a few words").ToArray();
            var only = args.Length > 3 ? args[3].Split(',') : null; // some clients only, e.g. one under dotnet-trace
            var rows = Contenders(endpoint, texts).Where(r => only is null || only.Any(o => r.Name.StartsWith(o, StringComparison.OrdinalIgnoreCase))).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < 100; i++) // past tiered compilation's call counting (30 calls) and its background recompiles
                {
                    row.Check(await row.Run());
                }
            }

            using var sampler = args.Length > 4 && args[4] == "allocations" ? new AllocationSampler() : null;
            if (sampler is not null)
            {
                sampler.Recording = true;
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < rows.Length; k++)
                {
                    var row = rows[(round + k) % rows.Length];
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var cpu = Environment.CpuUsage.TotalTime;
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var workItems = ThreadPool.CompletedWorkItemCount;
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < perRound; i++)
                    {
                        await row.Run();
                    }

                    clock.Stop();
                    row.Rounds.Add(new Round(clock.Elapsed, Environment.CpuUsage.TotalTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, perRound, ThreadPool.CompletedWorkItemCount - workItems));
                }
            }

            Print(rows);
            if (sampler is not null)
            {
                sampler.Recording = false;
                var requestCount = rows.Sum(r => r.Rounds.Sum(x => x.Requests));
                foreach (var (type, bytes) in sampler.Top(25))
                {
                    Console.WriteLine($"{bytes / (double)requestCount / LoopbackServer.Count,10:N1} B an embedding (sampled)  {type}");
                }
            }

            foreach (var row in rows)
            {
                row.Dispose();
            }
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
            {
                server.Kill();
            }
        }

        return 0;
    }

    // This program again, whether started as its apphost (dotnet run) or as `dotnet JinaClip.Benchmarks.dll`.
    private static ProcessStartInfo SelfStart(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoopbackReport).Assembly.Location);
        }

        start.Environment.Remove("DOTNET_DiagnosticPorts"); // under dotnet-trace, only this process is traced

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static Contender[] Contenders(Uri endpoint, string[] texts)
    {
        var inputs = texts.Select(t => (EmbeddingInput)t).ToArray();
        var options = new EmbeddingOptions { Dimensions = LoopbackServer.Dimensions };
        var jina = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "bench", Endpoint = endpoint, DefaultModel = Model });
        var openAI = new EmbeddingClient(Model, new ApiKeyCredential("bench"), new OpenAIClientOptions { Endpoint = new Uri(endpoint, "v1") });
        var reference = new ReferenceClient(new HttpClient(), endpoint, "bench");
        return
        [
            new Contender("JinaClip", async () =>
            {
                var result = await jina.EmbedAsync(inputs, options);
                return (result.Count, result[0].GetVector().Span[0], result[^1].GetVector().Span[^1]);
            }, jina),
            new Contender("OpenAI SDK 2.x", async () =>
            {
                var result = await openAI.GenerateEmbeddingsAsync(texts);
                var values = 0;
                foreach (var embedding in result.Value)
                {
                    values += embedding.ToFloats().Length; // every vector read into floats, as the other two do
                }

                return (values / LoopbackServer.Dimensions, result.Value[0].ToFloats().Span[0], result.Value[^1].ToFloats().Span[^1]);
            }, null),
            new Contender("reference", async () =>
            {
                var result = await reference.EmbedAsync(texts, Model, LoopbackServer.Dimensions, CancellationToken.None);
                return (result.Length, result[0][0], result[^1][^1]);
            }, reference),
        ];
    }

    private static void Print(Contender[] rows)
    {
        var reference = rows.FirstOrDefault(r => r.Name == "reference") ?? rows[^1];
        Console.WriteLine();
        Console.WriteLine("| client | embeddings/s | CPU ms a batch | allocated B an embedding | thread-pool work items a batch | throughput vs reference (median, rounds min–max) | CPU vs reference (median, min–max) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var throughput = row.Rounds.Select((r, i) => reference.Rounds[i].Elapsed / r.Elapsed).Order().ToArray();
            var cpu = row.Rounds.Select((r, i) => r.Cpu / reference.Rounds[i].Cpu).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.EmbeddingsPerSecond:N0} | {row.CpuMsPerBatch:0.00} | {row.BytesPerEmbedding:N0} | {row.WorkItemsPerBatch:N0} | {Median(throughput):0.00}× ({throughput[0]:0.00}–{throughput[^1]:0.00}) | {Median(cpu):0.00}× ({cpu[0]:0.00}–{cpu[^1]:0.00}) |"));
        }

        if (rows.Length < 3)
        {
            return;
        }

        var jina = rows[0];
        var openAI = rows[1];
        var versusOpenAI = jina.Rounds.Select((r, i) => openAI.Rounds[i].Elapsed / r.Elapsed).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"JinaClip vs OpenAI SDK throughput: {Median(versusOpenAI):0.00}× ({versusOpenAI[0]:0.00}–{versusOpenAI[^1]:0.00}); a vector is {LoopbackServer.Dimensions * sizeof(float):N0} B, JinaClip allocates {jina.BytesPerEmbedding / (LoopbackServer.Dimensions * sizeof(float)):0.00}× that"));
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private sealed record Round(TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int Requests, long WorkItems);

    private sealed class Contender(string name, Func<Task<(int Count, float First, float Last)>> run, IDisposable? owned) : IDisposable
    {
        private (int Count, float First, float Last)? _expected;

        public string Name => name;

        public Func<Task<(int Count, float First, float Last)>> Run => run;

        public List<Round> Rounds { get; } = [];

        private int Requests => Rounds.Sum(r => r.Requests);

        public double EmbeddingsPerSecond => Requests * LoopbackServer.Count / Rounds.Sum(r => r.Elapsed.TotalSeconds);

        public double CpuMsPerBatch => Rounds.Sum(r => r.Cpu.TotalMilliseconds) / Requests;

        public double WorkItemsPerBatch => (double)Rounds.Sum(r => r.WorkItems) / Requests;

        public double BytesPerEmbedding => (double)Rounds.Sum(r => r.Allocated) / (Requests * LoopbackServer.Count);

        public void Check((int Count, float First, float Last) got)
        {
            if (got.Count != LoopbackServer.Count || (_expected is { } expected && expected != got))
            {
                throw new InvalidOperationException($"{name} read {got} (expected {_expected}).");
            }

            _expected = got;
        }

        public void Dispose() => owned?.Dispose();
    }
}
