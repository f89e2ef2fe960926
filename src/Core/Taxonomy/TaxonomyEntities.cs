using System.Globalization;

namespace AnnuaireFiliere.Core.Taxonomy;

/// <summary>A reference-data entry with a stable code and a French and English label.</summary>
public abstract class TaxonomyEntry
{
    public required string Code { get; init; }
    public required string LabelFr { get; set; }
    public required string LabelEn { get; set; }

    /// <summary>Kept in the database because companies still use it, but gone from the versioned data.</summary>
    public bool IsRetired { get; set; }

    /// <summary>The label in the current UI culture (English when the UI is English, French otherwise).</summary>
    public string Label => LabelIn(CultureInfo.CurrentUICulture);

    public string LabelIn(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? LabelEn : LabelFr;

    /// <summary>Copies the mutable values of <paramref name="source"/>; returns whether anything changed.</summary>
    public virtual bool UpdateFrom(TaxonomyEntry source)
    {
        var changed = LabelFr != source.LabelFr || LabelEn != source.LabelEn || IsRetired;
        LabelFr = source.LabelFr;
        LabelEn = source.LabelEn;
        IsRetired = false;
        return changed;
    }
}

public sealed class Sector : TaxonomyEntry
{
    public List<Activity> Activities { get; init; } = [];
}

public sealed class Activity : TaxonomyEntry
{
    public required string SectorCode { get; set; }
    public Sector? Sector { get; set; }

    /// <summary>NAF rév.2 codes (e.g. <c>62.01Z</c>) this activity covers.</summary>
    public List<string> NafCodes { get; set; } = [];

    /// <summary>OCDE-TIC (ICT sector), OCDE-CM (content and media) or EXT (outside both definitions).</summary>
    public required string Perimeter { get; set; }

    public override bool UpdateFrom(TaxonomyEntry source)
    {
        var other = (Activity)source;
        var changed = SectorCode != other.SectorCode || Perimeter != other.Perimeter || !NafCodes.SequenceEqual(other.NafCodes);
        SectorCode = other.SectorCode;
        Perimeter = other.Perimeter;
        NafCodes = [.. other.NafCodes];
        return base.UpdateFrom(source) | changed;
    }
}

public sealed class Province : TaxonomyEntry
{
    public required string SeatCommuneCode { get; set; }
    public List<Commune> Communes { get; init; } = [];

    public override bool UpdateFrom(TaxonomyEntry source)
    {
        var other = (Province)source;
        var changed = SeatCommuneCode != other.SeatCommuneCode;
        SeatCommuneCode = other.SeatCommuneCode;
        return base.UpdateFrom(source) | changed;
    }
}

/// <summary>A commune, identified by its INSEE (COG) code, e.g. Nouméa = 98818 (postal code 98800).</summary>
public sealed class Commune : TaxonomyEntry
{
    public required string ProvinceCode { get; set; }
    public Province? Province { get; set; }

    /// <summary>Provinces the commune also lies in (Poya spans Province Nord and Province Sud).</summary>
    public List<string> OtherProvinceCodes { get; set; } = [];

    /// <summary>Postal codes in use in the commune, the main one first.</summary>
    public List<string> PostalCodes { get; set; } = [];

    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public int? Population { get; set; }

    public string Name => LabelFr;

    /// <summary>Great-circle distance between the two communes' centres, in kilometres.</summary>
    public double DistanceKm(Commune other)
    {
        ArgumentNullException.ThrowIfNull(other);
        const double EarthRadiusKm = 6371.0088;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public override bool UpdateFrom(TaxonomyEntry source)
    {
        var other = (Commune)source;
        var changed = ProvinceCode != other.ProvinceCode
            || !OtherProvinceCodes.SequenceEqual(other.OtherProvinceCodes)
            || !PostalCodes.SequenceEqual(other.PostalCodes)
            || !Latitude.Equals(other.Latitude) || !Longitude.Equals(other.Longitude)
            || Population != other.Population;
        ProvinceCode = other.ProvinceCode;
        OtherProvinceCodes = [.. other.OtherProvinceCodes];
        PostalCodes = [.. other.PostalCodes];
        Latitude = other.Latitude;
        Longitude = other.Longitude;
        Population = other.Population;
        return base.UpdateFrom(source) | changed;
    }
}

/// <summary>INSEE "tranche d'effectif salarié" code (NN, 00, 01 … 53) and its facet band (0, 1-9, 10-49, 50-249, 250+).</summary>
public sealed class SizeBand : TaxonomyEntry
{
    public int? MinEmployees { get; set; }
    public int? MaxEmployees { get; set; }
    public required string FacetBand { get; set; }

    public override bool UpdateFrom(TaxonomyEntry source)
    {
        var other = (SizeBand)source;
        var changed = MinEmployees != other.MinEmployees || MaxEmployees != other.MaxEmployees || FacetBand != other.FacetBand;
        MinEmployees = other.MinEmployees;
        MaxEmployees = other.MaxEmployees;
        FacetBand = other.FacetBand;
        return base.UpdateFrom(source) | changed;
    }
}

public sealed class LegalForm : TaxonomyEntry
{
    /// <summary>INSEE catégorie juridique code, when one applies (reference only).</summary>
    public string? InseeCode { get; set; }
    public required string Family { get; set; }

    public override bool UpdateFrom(TaxonomyEntry source)
    {
        var other = (LegalForm)source;
        var changed = InseeCode != other.InseeCode || Family != other.Family;
        InseeCode = other.InseeCode;
        Family = other.Family;
        return base.UpdateFrom(source) | changed;
    }
}

/// <summary>A language a company works in (ISO 639 code); catalogue only, not a database table.</summary>
public sealed class Language : TaxonomyEntry;

/// <summary>A NAF rév.2 code with its ICT flags; catalogue only.</summary>
public sealed class NafCode : TaxonomyEntry
{
    public bool OecdIct { get; init; }
    public bool OecdContentMedia { get; init; }
    public bool InseeTic { get; init; }
}

/// <summary>A family of services, to present the catalogue in groups ("Sites et applications").</summary>
public sealed class ServiceCategory : TaxonomyEntry;

/// <summary>
/// A service of the catalogue (<c>services.csv</c>): what a buyer can ask for ("Création de boutique en ligne"),
/// with the activities where it is usual (offered first when a company picks its services) and the free-text
/// wordings that mean it (to map what companies wrote before the catalogue, and what imports bring).
/// Not a database table: profiles hold the codes; the catalogue is read from the versioned file.
/// </summary>
public sealed class Service : TaxonomyEntry
{
    public required string CategoryCode { get; init; }
    public IReadOnlyList<string> ActivityCodes { get; init; } = [];

    /// <summary>Other wordings of the service, as written by companies (French).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
