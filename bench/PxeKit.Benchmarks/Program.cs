using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PxeKit.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
