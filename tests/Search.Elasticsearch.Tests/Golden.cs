using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>
/// Golden files: exact JSON bodies, kept under <c>Golden/</c>. To accept a deliberate change, run
/// <c>UPDATE_GOLDEN=1 dotnet test tests/Search.Elasticsearch.Tests</c> and review the diff of the files.
/// </summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Match(string name, string json, [CallerFilePath] string source = "")
    {
        var actual = Normalize(json);
        var file = Path.Combine(Path.GetDirectoryName(source)!, "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(file, actual);
            return;
        }
        Assert.True(File.Exists(file), $"Golden file {file} is missing: run with UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(File.ReadAllText(file), actual);
    }

    /// <summary>An NDJSON body (bulk): each line normalized, one JSON document after the other.</summary>
    public static void MatchLines(string name, string ndjson, [CallerFilePath] string source = "") =>
        Match(name, "[" + string.Join(",", ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "]", source);

    /// <summary>Indented, the same way every time (property order is the serializer's: it is part of what is checked).</summary>
    public static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(Pretty) + "\n";
}
