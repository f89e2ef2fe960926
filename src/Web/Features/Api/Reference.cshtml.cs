using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Web.Infrastructure;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AnnuaireFiliere.Web.Features.Api;

/// <summary>
/// <c>/api/reference</c>: the public API described for people, in the site's layout and the visitor's language, read
/// from the framework's OpenAPI document (the same as <c>/openapi/v1.json</c>): the essentials, each operation with its
/// parameters, an example and its answers, the search's parameters once, and the fields of every object answered.
/// </summary>
public sealed class ApiReferenceModel(IOptions<ApiOptions> options) : PageModel
{
    /// <summary>The name of the OpenAPI document this page describes (<c>/openapi/v1.json</c>).</summary>
    public const string DocumentName = "v1";

    /// <param name="Example">The path with the parameters' examples, if any ("/api/v1/recherche?q=site%20internet").</param>
    public sealed record Operation(
        string Anchor, string Method, string Path, string? Summary, string? Description, bool ReadsSearch,
        IReadOnlyList<Parameter> Parameters, IReadOnlyList<Answer> Answers, string Example);

    public sealed record Parameter(string Name, bool InPath, bool Required, bool Repeatable, string? Description);

    public sealed record Answer(string Status, string? Description, SchemaType? Type);

    /// <summary>A field's or answer's type as written ("integer | null", "ApiHit[]").</summary>
    /// <param name="Names">The object the type names, if any: its fields are described further down.</param>
    public sealed record SchemaType(string Text, string? Names);

    public sealed record Schema(string Name, IReadOnlyList<(string Name, SchemaType Type)> Fields);

    public string? Description { get; private set; }

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    /// <summary>The parameters of a segment, described once for every operation that reads one.</summary>
    public IReadOnlyList<Parameter> SearchParameters { get; private set; } = [];

    public IReadOnlyList<Schema> Schemas { get; private set; } = [];

    public int RequestsPerMinute => options.Value.RequestsPerMinute;

    /// <summary>The site's public address (with its path base), for the examples.</summary>
    public string Site => PublicAddress.Of(HttpContext);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Written in the request's language by the document's transformers (ApiTexts).
        var document = await HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName).GetOpenApiDocumentAsync(cancellationToken);
        Description = document.Info?.Description;
        var operations = new List<Operation>();
        var common = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var examples = (operation.Parameters ?? []).Where(p => p.Example is not null)
                    .SelectMany(p => (p.Example is JsonArray values ? values.Select(v => v?.ToString()) : [p.Example!.ToString()]).Select(v => $"{p.Name}={Uri.EscapeDataString(v ?? "")}"))
                    .ToList();
                var parameters = (operation.Parameters ?? []).Select(p => new Parameter(
                    p.Name ?? "", p.In == ParameterLocation.Path, p.Required, p.Schema?.Type?.HasFlag(JsonSchemaType.Array) == true, p.Description)).ToList();
                var readsSearch = SearchQueryParameters.Common.All(name => parameters.Any(p => p.Name == name));
                if (readsSearch)
                {
                    foreach (var parameter in parameters.Where(p => SearchQueryParameters.Common.Contains(p.Name)))
                    {
                        common.TryAdd(parameter.Name, parameter);
                    }
                    parameters.RemoveAll(p => SearchQueryParameters.Common.Contains(p.Name));
                }
                var answers = (operation.Responses ?? []).Select(r => new Answer(r.Key, r.Value.Description,
                    r.Value.Content?.Values.FirstOrDefault()?.Schema is { } schema ? TypeOf(schema) : null)).ToList();
                operations.Add(new Operation("op-" + Slugs.From(operation.OperationId ?? method.Method + " " + path), method.Method, path,
                    operation.Summary, operation.Description, readsSearch, parameters, answers, path + (examples.Count == 0 ? "" : "?" + string.Join('&', examples))));
            }
        }
        Operations = operations;
        SearchParameters = [.. SearchQueryParameters.Common.Where(common.ContainsKey).Select(name => common[name])];
        Schemas = [.. (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new Schema(s.Key, [.. (s.Value.Properties ?? new Dictionary<string, IOpenApiSchema>()).Select(p => (p.Key, TypeOf(p.Value)))]))];
    }

    /// <summary>The anchor of an object's description in this page.</summary>
    public static string SchemaAnchor(string name) => "objet-" + name;

    /// <summary>
    /// A schema's type as JSON Schema writes it: an object by its name, a list as <c>Item[]</c>, alternatives with
    /// <c>|</c>. A number that the API also reads from a string is an integer or a number, as the answers hold it.
    /// </summary>
    private static SchemaType TypeOf(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id)
        {
            return new SchemaType(id, id);
        }
        var alternatives = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).ToList();
        if (alternatives.Count > 0)
        {
            var types = alternatives.Select(TypeOf).OrderBy(t => t.Text == "null").ToList();
            return new SchemaType(string.Join(" | ", types.Select(t => t.Text)), types.Select(t => t.Names).FirstOrDefault(o => o is not null));
        }
        var type = schema.Type ?? 0;
        if (type == JsonSchemaType.Null)
        {
            return new SchemaType("null", null);
        }
        var nullable = type.HasFlag(JsonSchemaType.Null) ? " | null" : "";
        if (type.HasFlag(JsonSchemaType.Array) && schema.Items is { } items)
        {
            var item = TypeOf(items);
            return new SchemaType(item.Text + "[]" + nullable, item.Names);
        }
        List<string> names = type.HasFlag(JsonSchemaType.Integer) ? ["integer"]
            : type.HasFlag(JsonSchemaType.Number) ? ["number"]
            : Enum.GetValues<JsonSchemaType>().Where(t => t != JsonSchemaType.Null && type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()).ToList();
        var text = names.Count == 0 ? "object" : string.Join(" | ", names);
        return new SchemaType(text + (schema.Format is { } format ? $" ({format})" : "") + nullable, null);
    }
}
