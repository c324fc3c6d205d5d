using BenchmarkDotNet.Running;
using JinaClip.Benchmarks.Imaging;

// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- --filter '*Concurrency*'
// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- downscale-report
if (args.Length > 0 && args[0] == "downscale-report")
{
    return await DownscaleReport.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
