using AnnuaireFiliere.Core.Search;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AnnuaireFiliere.Web.Features.Api;

/// <summary>
/// Marks an endpoint that reads a segment from the query string as <c>/recherche</c> does (<c>q</c>, every facet of
/// <see cref="FacetCatalog"/>, the founding years) plus its own <paramref name="Extra"/> parameters. The OpenAPI
/// document lists them from the catalogue: a facet added there is described here without another line. The reference
/// page describes them once, for every operation so marked.
/// </summary>
public sealed record SearchQueryParameters(params string[] Extra)
{
    /// <summary>The parameters of the segment, which every marked operation reads, in the document's order.</summary>
    public static IReadOnlyList<string> Common { get; } =
        ["q", .. FacetCatalog.All.Select(f => f.Parameter), Search.SearchParameters.FromYear, Search.SearchParameters.ToYear];

    /// <summary>Adds the parameters of the marked operations to the OpenAPI document.</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<SearchQueryParameters>().FirstOrDefault() is not { } marked)
        {
            return Task.CompletedTask;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(Single("q"));
        foreach (var facet in FacetCatalog.All)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = facet.Parameter,
                In = ParameterLocation.Query,
                Description = facet.Description(System.Globalization.CultureInfo.CurrentUICulture),
                Style = ParameterStyle.Form,
                Explode = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            });
        }
        foreach (var name in (string[])[Search.SearchParameters.FromYear, Search.SearchParameters.ToYear, .. marked.Extra])
        {
            operation.Parameters.Add(Single(name));
        }
        return Task.CompletedTask;
    }

    /// <summary>A parameter of one value, described by its text <c>Api.Doc.Parameter.{name}</c> (<see cref="ApiTexts"/>).</summary>
    private static OpenApiParameter Single(string name) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
