using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace AnnuaireFiliere.Web.Features.Api;

/// <summary>
/// Marks an API endpoint with the key of its words in the site's texts: <c>{Key}.Summary</c> and, when there is one,
/// <c>{Key}.Description</c>; and with an <paramref name="Example"/> query string, written as its parameters' examples.
/// </summary>
public sealed record ApiText(string Key, string? Example = null);

/// <summary>
/// The API's words (its title, each operation's summary and description, each parameter's and answer's meaning) are
/// texts of the site (<c>Api.Doc.*</c>, the search filters' from <see cref="Core.Search.FacetCatalog"/>), so the
/// OpenAPI document and the reference page read them in the visitor's language: French unless they chose English.
/// </summary>
internal static class ApiTexts
{
    /// <summary>
    /// The endpoint's summary is <c>{key}.Summary</c>, its description <c>{key}.Description</c> (if any); its parameters'
    /// examples those of the query string <paramref name="example"/> ("q=site internet&amp;province=sud").
    /// </summary>
    public static TBuilder Described<TBuilder>(this TBuilder builder, string key, string? example = null) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiText(key, example));

    public static void AddApiTexts(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            var text = Text(context.ApplicationServices);
            document.Info.Title = text["Api.Doc.Title"];
            document.Info.Description = text["Api.Doc.Description"];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var text = Text(context.ApplicationServices);
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiText>().FirstOrDefault() is { } described)
            {
                operation.Summary = text[described.Key + ".Summary"];
                operation.Description = Optional(text[described.Key + ".Description"]);
                var examples = QueryHelpers.ParseQuery(described.Example);
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name is not null && examples.ContainsKey(p.Name)))
                {
                    var values = examples[parameter.Name!];
                    parameter.Example = parameter.Schema?.Type?.HasFlag(JsonSchemaType.Array) == true
                        ? new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))])
                        : JsonValue.Create(values.ToString());
                }
            }
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Description is null && p.Name is not null))
            {
                parameter.Description = Optional(text["Api.Doc.Parameter." + parameter.Name]);
            }
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response is OpenApiResponse answer && Optional(text["Api.Doc.Status." + status]) is { } meaning)
                {
                    answer.Description = meaning;
                }
            }
            return Task.CompletedTask;
        });
    }

    private static IStringLocalizer Text(IServiceProvider services) => services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static string? Optional(LocalizedString text) => text.ResourceNotFound ? null : text.Value;
}
