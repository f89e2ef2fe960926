namespace AnnuaireFiliere.CrashTrials;

/// <summary>
/// Where the real executables are: each in its own build output under the repository (the same configuration as the
/// caller, Debug or Release), run from there exactly as built.
/// </summary>
internal static class Builds
{
    public static string IndexerDll => Locate("src/Indexer", "AnnuaireFiliere.Indexer.dll");

    /// <summary>This project's executable, whose <c>worker</c> modes are victims.</summary>
    public static string WorkerDll => Locate("tests/CrashTrials", "AnnuaireFiliere.CrashTrials.dll");

    private static string Locate(string project, string dll)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(root, project, "bin", configuration, "net10.0", dll);
        return File.Exists(path) ? path
            : throw new FileNotFoundException($"{path} is missing: build {project} in {configuration} first (the projects that use the harness reference it, so building them does).");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AnnuaireFiliere.sln")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no AnnuaireFiliere.sln above {AppContext.BaseDirectory}");
    }
}
