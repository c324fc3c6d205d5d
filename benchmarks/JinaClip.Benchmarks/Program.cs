using BenchmarkDotNet.Running;
using JinaClip.Benchmarks.Imaging;

// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- --filter '*Concurrency*'
// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- downscale-report
// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- decode-memory
// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- loopback
// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- pillow
// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- zeroshot
if (args.Length > 0 && args[0] == "zeroshot")
{
    return await JinaClip.Benchmarks.Classify.ZeroShotReport.RunAsync(args);
}

if (args.Length > 0 && args[0] == "pillow")
{
    return await PillowReport.RunAsync(args);
}

if (args.Length > 0 && args[0] == "loopback")
{
    return await JinaClip.Benchmarks.Loopback.LoopbackReport.RunAsync(args);
}

if (args.Length > 0 && args[0] == "decode-memory")
{
    return await DecodeMemoryReport.RunAsync(args);
}

if (args.Length > 0 && args[0] == "downscale-report")
{
    return await DownscaleReport.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
