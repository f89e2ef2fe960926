using System.ComponentModel.DataAnnotations;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// Who this process is in a farm of nodes sharing one database (docs/adr/0035): the holder written in the job leases,
/// and the name <c>/health/ready</c> reports with this node's search replica. <c>Node:Name</c>; when it is not set, the
/// machine's name and the process id, unique on a farm (a container's host name is its own) and new at each start.
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The name given in configuration, or null for the default.</summary>
    [MaxLength(100)]
    [RegularExpression(@"^[\w.:\-]+$", ErrorMessage = "Node:Name may hold letters, digits and . : _ - only.")]
    public string? Name { get; set; }

    /// <summary>True when <c>Node:Name</c> is set: the node then also has a search index folder of its own by default.</summary>
    public bool IsNamed => !string.IsNullOrWhiteSpace(Name);

    /// <summary>The name this node goes by: <see cref="Name"/>, else <c>machine:pid</c>.</summary>
    public string CurrentName => IsNamed ? Name! : $"{Environment.MachineName}:{Environment.ProcessId}";
}
