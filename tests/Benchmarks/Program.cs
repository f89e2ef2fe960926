using System.Globalization;
using AnnuaireFiliere.Benchmarks;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var scenario = args.FirstOrDefault() ?? "help";
var options = BenchmarkOptions.Parse(args.Skip(1).ToArray());
return scenario switch
{
    "seed" => await SeedBenchmark.RunAsync(options),
    "search" => await SearchBenchmark.RunAsync(options),
    "pages" => await PagesBenchmark.RunAsync(options),
    "statistics" => await StatisticsBenchmark.RunAsync(options),
    "donnees" => await OpenDataBenchmark.RunAsync(options),
    "moderation" => await ModerationBenchmark.RunAsync(options),
    "relevance" => await RelevanceBenchmark.RunAsync(options),
    "crash" => await CrashBenchmark.RunAsync(options),
    "census" => await CensusBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        AnnuaireFiliere benchmarks (build in Release):
          dotnet run -c Release --project tests/Benchmarks -- seed [--count 100000] [--runs 3] [--batch-size 2000]
          dotnet run -c Release --project tests/Benchmarks -- search [--sizes 10000,100000] [--iterations 300] [--naive-up-to 100000] [--per-text 1]
          dotnet run -c Release --project tests/Benchmarks -- pages [--count 100000] [--iterations 300] [--only "carte|/recherche?q=…"] [--postgres "Host=…;Username=…"]
          dotnet run -c Release --project tests/Benchmarks -- statistics [--count 100000] [--iterations 50]
          dotnet run -c Release --project tests/Benchmarks -- donnees [--count 100000] [--runs 3]
          dotnet run -c Release --project tests/Benchmarks -- moderation [--count 100000] [--iterations 50]
          dotnet run -c Release --project tests/Benchmarks -- census [--count 1000] [--answers 100000] [--iterations 50]
          dotnet run -c Release --project tests/Benchmarks -- relevance [--set dev] [--queries 1]
          dotnet run -c Release --project tests/Benchmarks -- crash [--trials 200] [--seed 15] [--companies 2000] [--only site-writes,open-data] [--keep 1] [--verify process]
        Prints medians and 95th percentiles; see docs/PERFORMANCE.md for the figures on record.
        crash kills real processes at random moments and prints, per scenario, the kill points and the violations (docs/CRASH-TRIALS.md).
        relevance prints nDCG@10, P@5, MRR per query class; its figures on record: tests/Search.Relevance/Data/<set>/recorded.json.
        """);
    return 2;
}
