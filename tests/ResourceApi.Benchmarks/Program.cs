using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ResourceApi.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ResourceApi.Benchmarks.TokenValidationBenchmarks).Assembly).Run(args);
