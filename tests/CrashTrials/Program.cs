using AnnuaireFiliere.CrashTrials;

// The victims: `worker site-writes|open-data --data <folder> …` (see Workers). The harness itself is a library, run by
// the benchmark runner (`crash`) and by tests/CrashTrials.Tests.
return args.FirstOrDefault() == "worker" ? await Workers.RunAsync(args) : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: AnnuaireFiliere.CrashTrials worker site-writes|open-data --data <folder> [--seed N] [--start yyyy-MM-dd] [--keep 7]");
    Console.Error.WriteLine("The trials themselves: dotnet run -c Release --project tests/Benchmarks -- crash [--trials 200] [--seed N]");
    return 2;
}
