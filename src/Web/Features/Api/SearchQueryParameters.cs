using AnnuaireFiliere.Core.Search;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AnnuaireFiliere.Web.Features.Api;

/// <summary>
/// Marks an endpoint that reads a segment from the query string as <c>/recherche</c> does (<c>q</c>, every facet of
/// <see cref="FacetCatalog"/>, the founding years) plus its own <paramref name="Extra"/> parameters. The OpenAPI
/// document lists them from the catalogue: a facet added there is described here without another line.
/// </summary>
public sealed record SearchQueryParameters(params string[] Extra)
{
    /// <summary>The French descriptions of the parameters that are not facets.</summary>
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["q"] = "Texte libre (nom, activité, compétence…) ; les mots entre guillemets forment une expression.",
        [Search.SearchParameters.FromYear] = "Année de création minimale.",
        [Search.SearchParameters.ToYear] = "Année de création maximale.",
        [Search.SearchParameters.Sort] = "Ordre des résultats : pertinence (par défaut), nom, nouveautes, mises-a-jour.",
        [Search.SearchParameters.Page] = "Numéro de page, à partir de 1.",
        [Search.SearchParameters.PageSize] = "Résultats par page (1 à 50, 20 par défaut).",
        [Search.SearchParameters.AsTyped] = "1 : chercher les mots tels qu'écrits, sans corriger l'orthographe d'un mot inconnu (corrections annoncées dans « corrections »).",
        [Statistics.StatisticsQuery.SnapshotParameter] = "Identifiant d'un instantané des statistiques (voir /api/v1/statistiques/instantanes) : les chiffres à cette date ; sans lui, ceux d'aujourd'hui. Refusé par /api/v1/statistiques/evolution, qui lit tous les instantanés.",
    };

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
                Description = facet.Description,
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

    private static OpenApiParameter Single(string name) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = Descriptions[name],
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
