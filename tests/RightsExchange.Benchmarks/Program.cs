using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/RightsExchange.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(RightsExchange.Benchmarks.OrderBookBenchmarks).Assembly).Run(args);
