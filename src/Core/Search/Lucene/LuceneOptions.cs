using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Data;

namespace AnnuaireFiliere.Core.Search.Lucene;

/// <summary>
/// Where this node keeps its Lucene index (<c>Search:Lucene</c>). Each node without Elasticsearch has an index of its
/// own, a replica that follows the shared task log with its own cursor (docs/adr/0035), so two nodes must never share
/// its folder.
/// </summary>
public sealed partial class LuceneOptions
{
    public const string Section = "Search:Lucene";

    /// <summary>
    /// The index folder; a relative path is taken from the data folder. When not set: <c>{data}/index</c>, or
    /// <c>{data}/index-{Node:Name}</c> when <c>Node:Name</c> is set, so that nodes named apart on one data folder
    /// (one SQLite file, or a shared volume) keep apart indexes too.
    /// </summary>
    public string? IndexDirectory { get; set; }

    /// <summary>The index folder of this node, from these options, the data folder and the node's name.</summary>
    public string IndexFolder(DataPaths paths, NodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(node);
        if (!string.IsNullOrWhiteSpace(IndexDirectory))
        {
            return Path.GetFullPath(IndexDirectory, paths.DataDirectory);
        }
        return Path.Combine(paths.DataDirectory, node.IsNamed ? "index-" + NotInFileNames().Replace(node.Name!, "_") : "index");
    }

    [GeneratedRegex(@"[^\w.\-]")]
    private static partial Regex NotInFileNames();
}
