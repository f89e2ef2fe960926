using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>A host environment rooted in a test's folder (what <c>DataPaths</c> resolves a relative data folder from).</summary>
internal sealed class TestEnvironment(string path) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Production";
    public string ApplicationName { get; set; } = "tests";
    public string ContentRootPath { get; set; } = path;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
