using System.Diagnostics;

namespace AnnuaireFiliere.Core.Diagnostics;

/// <summary>
/// The directory's own traces and metrics: one OpenTelemetry source and one meter, both named
/// <see cref="Name"/> (search engine calls, index writes, the indexing lag). The service defaults export them.
/// </summary>
public static class DirectoryTelemetry
{
    public const string Name = "AnnuaireFiliere";

    internal static readonly ActivitySource Source = new(Name);
}
