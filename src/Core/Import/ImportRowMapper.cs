using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Import;

/// <summary>A row read: its RIDET and the values it gives (by <see cref="ImportField"/> name), or why it is refused.</summary>
internal sealed record MappedRow(Ridet? Ridet, string? Name, Dictionary<string, string?> Values, ImportOutcome? Outcome, string? Reason)
{
    public static MappedRow Refuse(string? name, string reason, ImportOutcome outcome = ImportOutcome.Rejected) =>
        new(null, name, [], outcome, reason);
}

/// <summary>Turns rows of the template or of the register extract into company values; the file's values its messages repeat are cut.</summary>
internal sealed class ImportRowMapper(TaxonomyCatalog taxonomy, ImportLimitsOptions limits)
{
    public static readonly string[] GabaritRequired = ["ridet", "raison_sociale", "activite_principale", "commune"];
    public static readonly string[] RidetRequired = ["rid7", "denomination", "code_ape"];

    /// <summary>Template column → field, for the plain text columns.</summary>
    private static readonly (string Column, string Field)[] GabaritText =
    [
        ("nom_commercial", nameof(Company.TradeName)),
        ("sigle", nameof(Company.Acronym)),
        ("adresse", nameof(Company.StreetAddress)),
        ("code_postal", nameof(Company.PostalCode)),
        ("site_web", nameof(Company.Website)),
        ("courriel", nameof(Company.Email)),
        ("description", nameof(Company.DescriptionFr)),
    ];

    private static readonly (string Column, string Field)[] GabaritLists =
    [
        ("competences", nameof(Company.Skills)),
        ("labels", nameof(Company.Labels)),
        ("langues", nameof(Company.Languages)),
    ];

    public static readonly (string Column, string Field)[] GabaritFlags =
    [
        ("vente_boutique_en_ligne", "SellsOnOwnShop"),
        ("vente_places_de_marche", "SellsOnMarketplaces"),
        ("paiement_en_ligne", "OnlinePayment"),
        ("livraison_territoire", "DeliversTerritory"),
        ("livraison_iles", "DeliversIslands"),
        ("b2b", "B2B"),
        ("b2c", "B2C"),
    ];

    private readonly Dictionary<string, Commune> _communesByName = taxonomy.Communes
        .GroupBy(c => ImportText.Words(c.Name)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public MappedRow MapGabarit(ImportRow row, IReadOnlyList<string> headers)
    {
        var name = row["raison_sociale"];
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { [nameof(Company.LegalName)] = name };
        if (ParseRidet(row["ridet"], name) is { Ridet: null } refused)
        {
            return refused;
        }
        var ridet = Ridet.Parse(row["ridet"]!);

        if (!ResolveActivity(row["activite_principale"], out var primary))
        {
            return MappedRow.Refuse(name, Format(ImportMessages.UnknownActivity, row["activite_principale"] ?? string.Empty));
        }
        values[nameof(Company.PrimaryActivityCode)] = primary;
        if (headers.Contains("activites_secondaires"))
        {
            var secondary = new List<string>();
            foreach (var item in ImportField.Split(row["activites_secondaires"]))
            {
                if (!ResolveActivity(item, out var code))
                {
                    return MappedRow.Refuse(name, Format(ImportMessages.UnknownActivity, item));
                }
                secondary.Add(code);
            }
            values[nameof(Company.SecondaryActivities)] = ImportField.Join(secondary.Distinct().Order(StringComparer.Ordinal));
        }

        if (row["commune"] is not { } communeText)
        {
            return MappedRow.Refuse(name, ImportMessages.MissingCommune);
        }
        if (FindCommune(communeText) is not { } commune)
        {
            return MappedRow.Refuse(name, Format(ImportMessages.UnknownCommune, communeText));
        }
        values[nameof(Company.CommuneCode)] = commune.Code;
        values["ServiceAreaProvinces"] = commune.ProvinceCode;

        if (headers.Contains("forme_juridique"))
        {
            var text = row["forme_juridique"];
            var form = text is null ? null : FindLegalForm(text, null);
            if (text is not null && form is null)
            {
                return MappedRow.Refuse(name, Format(ImportMessages.UnknownLegalForm, text));
            }
            values[nameof(Company.LegalFormCode)] = form?.Code;
        }
        if (headers.Contains("tranche_effectif"))
        {
            var text = row["tranche_effectif"];
            if (text is not null && taxonomy.FindSizeBand(text.ToUpperInvariant()) is null)
            {
                return MappedRow.Refuse(name, Format(ImportMessages.UnknownSizeBand, text));
            }
            values[nameof(Company.SizeBandCode)] = text?.ToUpperInvariant();
        }
        if (headers.Contains("annee_creation"))
        {
            var text = row["annee_creation"];
            if (text is not null && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return MappedRow.Refuse(name, Format(ImportMessages.InvalidYear, text));
            }
            values[nameof(Company.FoundingYear)] = text;
        }
        foreach (var (column, field) in GabaritText.Where(c => headers.Contains(c.Column)))
        {
            values[field] = row[column];
        }
        foreach (var (column, field) in GabaritLists.Where(c => headers.Contains(c.Column)))
        {
            values[field] = ImportField.Join(ImportField.Split(row[column]));
        }
        if (MapServices(row, headers) is { } unknown)
        {
            return MappedRow.Refuse(name, Format(ImportMessages.UnknownService, unknown));
        }
        else if (headers.Contains("services_catalogue") || headers.Contains("services"))
        {
            // Free-text services that the catalogue has are counted as picked from it.
            var (picked, _) = taxonomy.SortServices(ImportField.Split(row["services_catalogue"]));
            var (meant, extras) = taxonomy.SortServices(ImportField.Split(row["services"]));
            values[nameof(Company.ServiceCodes)] = ImportField.Join(picked.Union(meant, StringComparer.Ordinal));
            values[nameof(Company.Services)] = ImportField.Join(extras);
        }
        if (headers.Contains("telephones"))
        {
            values[nameof(Company.Phones)] = ImportField.Join(ImportField.Split(row["telephones"])
                .Select(p => PhoneNumber.TryParse(p, out var phone) ? phone.Digits : p));
        }
        foreach (var (column, field) in GabaritFlags.Where(c => headers.Contains(c.Column)))
        {
            if (YesNo(row[column]) is not { } flag)
            {
                return MappedRow.Refuse(name, Format(ImportMessages.InvalidYesNo, column, row[column] ?? string.Empty));
            }
            values[field] = flag;
        }
        return new MappedRow(ridet, name, values, null, null);
    }

    /// <summary>The first item of <c>services_catalogue</c> that is not a service of the catalogue (code, label or wording), or null.</summary>
    private string? MapServices(ImportRow row, IReadOnlyList<string> headers) =>
        headers.Contains("services_catalogue")
            ? ImportField.Split(row["services_catalogue"]).FirstOrDefault(item => taxonomy.MatchService(item) is null)
            : null;

    public MappedRow MapRegister(ImportRow row)
    {
        var name = row["denomination"];
        var ape = row["code_ape"]?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (ape is null)
        {
            return MappedRow.Refuse(name, ImportMessages.MissingApe, ImportOutcome.Skipped);
        }
        var activities = taxonomy.ActivitiesForNaf(ape);
        if (activities.Count == 0)
        {
            return MappedRow.Refuse(name, Format(ImportMessages.OutsideTypology, ape), ImportOutcome.Skipped);
        }
        if (ParseRidet(row["rid7"], name) is { Ridet: null } refused)
        {
            return refused;
        }
        var ridet = Ridet.Parse(row["rid7"]!);

        var communeText = row["code_commune"] ?? row["libelle_commune"];
        if (communeText is null)
        {
            return MappedRow.Refuse(name, ImportMessages.MissingCommune);
        }
        if ((taxonomy.FindCommune(row["code_commune"]) ?? FindCommune(row["libelle_commune"] ?? communeText)) is not { } commune)
        {
            return MappedRow.Refuse(name, Format(ImportMessages.UnknownCommune, communeText));
        }
        var codes = activities.Select(a => a.Code).ToList();
        return new MappedRow(ridet, name, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(Company.LegalName)] = name,
            [nameof(Company.PrimaryActivityCode)] = codes[0],
            [nameof(Company.SecondaryActivities)] = ImportField.Join(codes.Skip(1).Take(Company.MaxSecondaryActivities).Order(StringComparer.Ordinal)),
            [nameof(Company.LegalFormCode)] = row["code_formjur"] is { } form ? FindLegalForm(form, row["libelle_formjur"])?.Code : null,
            [nameof(Company.CommuneCode)] = commune.Code,
            // The register's province wins for Poya, which spans two provinces.
            ["ServiceAreaProvinces"] = FindProvince(row["province"]) ?? commune.ProvinceCode,
        }, null, null);
    }

    private MappedRow? ParseRidet(string? text, string? name) =>
        text is null ? MappedRow.Refuse(name, ImportMessages.MissingRidet)
        : Ridet.TryParse(text, out _) ? null
        : MappedRow.Refuse(name, Format(ImportMessages.InvalidRidet, text));

    /// <summary>An activity code (<c>A0501</c>) or a NAF code of the typology (its first activity).</summary>
    private bool ResolveActivity(string? text, out string code)
    {
        code = string.Empty;
        if (text is null)
        {
            return false;
        }
        if (taxonomy.FindActivity(text.ToUpperInvariant()) is { } activity)
        {
            code = activity.Code;
            return true;
        }
        if (taxonomy.ActivitiesForNaf(text.Replace(" ", string.Empty, StringComparison.Ordinal)) is [var first, ..])
        {
            code = first.Code;
            return true;
        }
        return false;
    }

    /// <summary>An INSEE code (98818) or a name, whatever the accents, case or leading article.</summary>
    public Commune? FindCommune(string text) =>
        taxonomy.FindCommune(text.Trim()) ?? _communesByName.GetValueOrDefault(ImportText.Words(text));

    private LegalForm? FindLegalForm(string code, string? label)
    {
        var trimmed = code.Trim();
        return taxonomy.FindLegalForm(trimmed.ToUpperInvariant())
            ?? taxonomy.LegalForms.FirstOrDefault(f => f.InseeCode == trimmed)
            ?? (label is null ? null : taxonomy.LegalForms.FirstOrDefault(f => ImportText.Words(f.LabelFr) == ImportText.Words(label)));
    }

    private string? FindProvince(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var words = ImportText.Words(text);
        return taxonomy.Provinces.FirstOrDefault(p => p.Code == words || ImportText.Words(p.LabelFr) == words)?.Code
            ?? (words.Contains("sud", StringComparison.Ordinal) ? "sud"
                : words.Contains("nord", StringComparison.Ordinal) ? "nord"
                : words.Contains("iles", StringComparison.Ordinal) || words.Contains("loyaute", StringComparison.Ordinal) ? "iles" : null);
    }

    private static string? YesNo(string? text) => text is null ? ImportField.No : ImportText.Fold(text) switch
    {
        "oui" or "o" or "yes" or "y" or "1" or "vrai" or "true" or "x" => ImportField.Yes,
        "non" or "n" or "no" or "0" or "faux" or "false" => ImportField.No,
        _ => null,
    };

    private string Format(string template, params object[] values) =>
        string.Format(CultureInfo.InvariantCulture, template, [.. values.Select(v => v is string text ? ImportText.Cut(text, limits.MaxEchoedLength) : v)]);
}
