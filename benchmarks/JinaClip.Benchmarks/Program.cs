using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/JinaClip.Benchmarks -- --filter '*Concurrency*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
