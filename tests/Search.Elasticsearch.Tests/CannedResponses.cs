namespace AnnuaireFiliere.Search.Elasticsearch.Tests;

/// <summary>Answers of a real Elasticsearch 9 (shape and typed keys), kept under <c>Canned/</c>.</summary>
internal static class CannedResponses
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Canned", name + ".json"));

    public static byte[] Bytes(string name) => System.Text.Encoding.UTF8.GetBytes(Text(name));

    /// <summary>A transport that answers every request with the canned answer, as Elasticsearch (product header) would.</summary>
    public static Elastic.Transport.InMemoryRequestInvoker Invoker(string name, int status = 200) =>
        new(Bytes(name), status, null, "application/json", new Dictionary<string, IEnumerable<string>> { ["x-elastic-product"] = ["Elasticsearch"] });
}
