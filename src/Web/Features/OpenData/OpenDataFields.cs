using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Web.Features.OpenData;

/// <summary>
/// What a column's value may depend on besides the company: the typology (labels of codes) and the site's public
/// address (<paramref name="Site"/>, without a trailing slash, e.g. <c>https://annuaire.nc</c>).
/// </summary>
public sealed record OpenDataContext(TaxonomyCatalog Taxonomy, string Site, Func<string, string> ProfilePath)
{
    /// <summary>The absolute address of a company's public profile.</summary>
    public string ProfileUrl(string slug) => Site + ProfilePath(slug);
}

/// <summary>
/// A column of the open-data company file. Names are stable (reusers' scripts depend on them): add columns at the
/// end, never rename or remove one. <paramref name="Type"/> is a Table Schema type (<c>string</c>, <c>integer</c>,
/// <c>boolean</c>, <c>date</c>), <paramref name="Format"/> its optional Table Schema format (<c>uri</c>); a
/// <paramref name="List"/> column is an <c>array</c> in JSON and its values joined by <c>|</c> in CSV.
/// </summary>
public sealed record OpenDataField(string Name, string Type, string Description, bool List, Func<Company, OpenDataContext, object?> Value, string? Format = null)
{
    public const string ListSeparator = "|";

    /// <summary>The value as a CSV cell: invariant numbers, <c>true</c>/<c>false</c>, ISO dates, lists joined by <c>|</c>.</summary>
    public string? CsvValue(Company company, OpenDataContext context) => Value(company, context) switch
    {
        null => null,
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IEnumerable<string> values => string.Join(ListSeparator, values),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The columns of <c>entreprises.csv</c> and <c>entreprises.json</c>: what a published profile shows publicly, never
/// the contact person (personal data). The company's own contact details (website, e-mail, phones, social links,
/// address) are published on its public profile by the company itself, so they are in the file too.
/// </summary>
public static class OpenDataFields
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    private static string? Label(TaxonomyEntry? entry) => entry?.LabelIn(French);

    private static DateOnly? Day(DateTime? utc) => utc is { } value ? DateOnly.FromDateTime(value) : null;

    public static IReadOnlyList<OpenDataField> Companies { get; } =
    [
        new("identifiant", "string", "Identifiant stable de la fiche dans l'annuaire : elle est publiée à l'adresse /entreprises/{identifiant}.", false, (c, _) => c.Slug),
        new("nom", "string", "Nom d'usage : l'enseigne ou le nom commercial s'il y en a un, sinon la raison sociale.", false, (c, _) => c.DisplayName),
        new("raison_sociale", "string", "Dénomination légale de l'entreprise.", false, (c, _) => c.LegalName),
        new("sigle", "string", "Sigle, s'il y en a un.", false, (c, _) => c.Acronym),
        new("ridet", "string", "Numéro RIDET (Répertoire d'identification des entreprises et des établissements de Nouvelle-Calédonie, ISEE) : 7 chiffres, un point, 3 chiffres d'établissement.", false, (c, _) => c.Ridet?.ToString()),
        new("forme_juridique_code", "string", "Code de la forme juridique (voir la typologie de l'annuaire).", false, (c, _) => c.LegalFormCode),
        new("forme_juridique", "string", "Libellé de la forme juridique.", false, (c, x) => Label(x.Taxonomy.FindLegalForm(c.LegalFormCode))),
        new("annee_creation", "integer", "Année de création de l'entreprise.", false, (c, _) => c.FoundingYear),
        new("tranche_effectif_code", "string", "Code de la tranche d'effectif salarié (tranches INSEE regroupées : 0, 1-9, 10-49, 50-249, 250+).", false, (c, _) => c.SizeBandCode),
        new("tranche_effectif", "string", "Libellé de la tranche d'effectif salarié.", false, (c, x) => Label(x.Taxonomy.FindSizeBand(c.SizeBandCode))),
        new("secteur_code", "string", "Code du secteur de l'activité principale (typologie de l'annuaire, fichier typologie.csv).", false, (c, x) => x.Taxonomy.FindActivity(c.PrimaryActivityCode)?.SectorCode),
        new("secteur", "string", "Libellé du secteur de l'activité principale.", false, (c, x) => Label(x.Taxonomy.FindSector(x.Taxonomy.FindActivity(c.PrimaryActivityCode)?.SectorCode))),
        new("activite_principale_code", "string", "Code de l'activité principale (typologie de l'annuaire, rattachée à des codes NAF rév. 2 dans typologie.csv).", false, (c, _) => c.PrimaryActivityCode),
        new("activite_principale", "string", "Libellé de l'activité principale.", false, (c, x) => Label(x.Taxonomy.FindActivity(c.PrimaryActivityCode))),
        new("activites_secondaires_codes", "string", "Codes des activités secondaires (au plus 5).", true, (c, _) => c.SecondaryActivities.Select(a => a.ActivityCode).Order(StringComparer.Ordinal).ToList()),
        new("commune_code", "string", "Code INSEE (COG) de la commune du siège.", false, (c, _) => c.CommuneCode),
        new("commune", "string", "Nom de la commune du siège.", false, (c, x) => Label(x.Taxonomy.FindCommune(c.CommuneCode))),
        new("province_code", "string", "Code de la province de la commune du siège (sud, nord, iles).", false, (c, x) => x.Taxonomy.FindCommune(c.CommuneCode)?.ProvinceCode),
        new("province", "string", "Nom de la province de la commune du siège.", false, (c, x) => Label(x.Taxonomy.FindProvince(x.Taxonomy.FindCommune(c.CommuneCode)?.ProvinceCode))),
        new("code_postal", "string", "Code postal de l'adresse du siège.", false, (c, _) => c.PostalCode),
        new("adresse", "string", "Adresse du siège (voie), telle que publiée sur la fiche.", false, (c, _) => c.StreetAddress),
        new("site_web", "string", "Site web de l'entreprise.", false, (c, _) => c.Website),
        new("courriel", "string", "Adresse électronique de contact de l'entreprise, telle que publiée sur sa fiche (jamais celle d'une personne de contact).", false, (c, _) => c.Email),
        new("telephones", "string", "Numéros de téléphone de l'entreprise publiés sur sa fiche (6 chiffres).", true, (c, _) => c.Phones),
        new("reseaux_sociaux", "string", "Adresses des pages de l'entreprise sur les réseaux sociaux.", true, (c, _) => c.SocialLinks),
        new("description", "string", "Présentation de l'entreprise, en français.", false, (c, _) => c.DescriptionFr),
        new("description_en", "string", "Présentation de l'entreprise, en anglais (facultative).", false, (c, _) => c.DescriptionEn),
        new("services_catalogue_codes", "string", "Services cochés dans la liste des services de l'annuaire (codes du fichier services.csv).", true, (c, _) => c.ServiceCodes),
        new("services_catalogue", "string", "Libellés des services cochés dans la liste des services.", true, (c, x) => c.ServiceCodes.Select(code => Label(x.Taxonomy.FindService(code)) ?? code).ToList()),
        new("services", "string", "Autres services et produits, dans les mots de l'entreprise.", true, (c, _) => c.Services),
        new("competences", "string", "Compétences et technologies.", true, (c, _) => c.Skills),
        new("labels", "string", "Labels et certifications.", true, (c, _) => c.Labels),
        new("langues", "string", "Langues de travail (codes ISO 639).", true, (c, _) => c.Languages),
        new("zone_territoire_entier", "boolean", "Intervient sur tout le territoire de la Nouvelle-Calédonie.", false, (c, _) => c.ServiceArea.WholeTerritory),
        new("zone_provinces", "string", "Provinces où l'entreprise intervient (codes), en plus de sa commune.", true, (c, _) => c.ServiceArea.ProvinceCodes),
        new("zone_communes", "string", "Communes où l'entreprise intervient (codes INSEE).", true, (c, _) => c.ServiceArea.CommuneCodes),
        new("zone_pacifique", "boolean", "Intervient dans la région Pacifique.", false, (c, _) => c.ServiceArea.PacificRegion),
        new("zone_international", "boolean", "Intervient à l'international.", false, (c, _) => c.ServiceArea.International),
        new("vente_en_ligne", "boolean", "Vend en ligne (boutique propre ou places de marché).", false, (c, _) => c.ECommerce.SellsOnline),
        new("boutique_en_ligne", "boolean", "Vend ses produits sur son propre site marchand (ce n'est pas un service de création de boutiques : voir services_catalogue).", false, (c, _) => c.ECommerce.SellsOnOwnShop),
        new("places_de_marche", "boolean", "Vend sur des places de marché.", false, (c, _) => c.ECommerce.SellsOnMarketplaces),
        new("paiement_en_ligne", "boolean", "Accepte le paiement en ligne.", false, (c, _) => c.ECommerce.OnlinePayment),
        new("livraison_territoire", "boolean", "Livre sur tout le territoire.", false, (c, _) => c.ECommerce.DeliversTerritory),
        new("livraison_iles", "boolean", "Livre dans les îles.", false, (c, _) => c.ECommerce.DeliversIslands),
        new("b2b", "boolean", "Vend aux entreprises.", false, (c, _) => c.ECommerce.B2B),
        new("b2c", "boolean", "Vend aux particuliers.", false, (c, _) => c.ECommerce.B2C),
        new("plateformes", "string", "Plateformes de vente en ligne utilisées.", true, (c, _) => c.ECommerce.Platforms),
        new("date_publication", "date", "Date de première publication de la fiche (UTC).", false, (c, _) => Day(c.PublishedAt)),
        new("date_mise_a_jour", "date", "Date de la dernière modification de la fiche (UTC).", false, (c, _) => Day(c.UpdatedAt)),
        new("date_confirmation", "date", "Date à laquelle l'entreprise a confirmé pour la dernière fois que sa fiche est exacte (UTC).", false, (c, _) => Day(c.LastConfirmedAt)),
        new("url", "string", "Adresse de la fiche publique de l'entreprise dans l'annuaire (/entreprises/{identifiant} sur l'adresse publique du site).", false, (c, x) => x.ProfileUrl(c.Slug), Format: "uri"),
    ];

    /// <summary>The columns of <c>typologie.csv</c>: one line per activity, with its sector and NAF rév. 2 codes.</summary>
    public static IReadOnlyList<(string Name, string Type, string Description)> Typology { get; } =
    [
        ("secteur_code", "string", "Code du secteur."),
        ("secteur", "string", "Libellé du secteur, en français."),
        ("secteur_en", "string", "Libellé du secteur, en anglais."),
        ("activite_code", "string", "Code de l'activité (celui des colonnes activite_principale_code et activites_secondaires_codes)."),
        ("activite", "string", "Libellé de l'activité, en français."),
        ("activite_en", "string", "Libellé de l'activité, en anglais."),
        ("codes_naf", "string", "Codes NAF rév. 2 couverts par l'activité, séparés par |."),
        ("perimetre", "string", "Périmètre statistique : OCDE-TIC (secteur des TIC), OCDE-CM (contenus et médias) ou EXT (hors de ces deux définitions)."),
    ];

    public static IEnumerable<string[]> TypologyLines(TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        yield return [.. Typology.Select(f => f.Name)];
        foreach (var sector in taxonomy.Sectors)
        {
            foreach (var activity in sector.Activities)
            {
                yield return [sector.Code, sector.LabelFr, sector.LabelEn, activity.Code, activity.LabelFr, activity.LabelEn, string.Join(OpenDataField.ListSeparator, activity.NafCodes), activity.Perimeter];
            }
        }
    }

    /// <summary>The columns of <c>services.csv</c>: one line per service of the catalogue.</summary>
    public static IReadOnlyList<(string Name, string Type, string Description)> ServiceColumns { get; } =
    [
        ("service_code", "string", "Code du service (celui de la colonne services_catalogue_codes et du filtre service de l'API)."),
        ("service", "string", "Libellé du service, en français."),
        ("service_en", "string", "Libellé du service, en anglais."),
        ("famille_code", "string", "Code de la famille de services."),
        ("famille", "string", "Libellé de la famille de services, en français."),
        ("activites_codes", "string", "Activités de la typologie où le service est courant (codes), séparées par |."),
    ];

    /// <summary>The census results' table (<see cref="KeyFigures.SurveyPublication.OpenDataColumns"/>, in that order).</summary>
    public static IReadOnlyList<(string Name, string Type, string Description)> SurveyColumns { get; } =
    [
        ("vague_id", "string", "Identifiant de l'enquête (vague)."),
        ("vague", "string", "Titre de l'enquête."),
        ("cloture", "date", "Dernier jour de réponse (heure de Nouméa)."),
        ("question", "string", "Code de la question, stable d'une enquête à l'autre."),
        ("libelle_question", "string", "La question posée, en français."),
        ("groupe", "string", "« ensemble » pour toutes les entreprises ayant répondu, sinon le code du secteur de l'activité principale (typologie)."),
        ("libelle_groupe", "string", "Libellé du groupe."),
        ("repondants", "integer", "Entreprises du groupe ayant répondu à la question."),
        ("reponse", "string", "Code de la réponse (vide pour une question à nombre)."),
        ("libelle_reponse", "string", "Libellé de la réponse, en français."),
        ("part_pct", "number", "Part pondérée des entreprises ayant donné cette réponse (pour une répartition : part moyenne du chiffre d'affaires), en %."),
        ("marge_erreur_pct", "number", "Demi-largeur de l'intervalle de confiance à 95 % de la part, en points."),
        ("entreprises_estimees", "number", "Nombre d'entreprises de l'enquête que la réponse représente (pondéré)."),
        ("total_estime", "number", "Pour un nombre : total pondéré (emplois, embauches…)."),
        ("moyenne", "number", "Pour un nombre ou une note : moyenne pondérée par entreprise."),
        ("mediane", "number", "Pour un nombre : médiane pondérée."),
    ];

    public static IEnumerable<string[]> ServiceLines(TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        yield return [.. ServiceColumns.Select(f => f.Name)];
        foreach (var service in taxonomy.Services)
        {
            var category = taxonomy.FindServiceCategory(service.CategoryCode);
            yield return [service.Code, service.LabelFr, service.LabelEn, service.CategoryCode, category?.LabelFr ?? string.Empty, string.Join(OpenDataField.ListSeparator, service.ActivityCodes)];
        }
    }
}
