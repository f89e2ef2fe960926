using System.Globalization;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Buyers;

/// <summary>Names of the needs' tables (the <c>Stats.Table.*</c> texts, the downloads' and the API's names).</summary>
public static class NeedStatisticsNames
{
    public const string PerMonth = "needs-month";
    public const string Sector = "needs-sector";
    public const string Activity = "needs-activity";
    public const string Service = "needs-service";
    public const string Province = "needs-province";
    public const string Buyer = "needs-buyer";
    public const string Answered = "needs-answered";

    /// <summary>Every table, in the page's order.</summary>
    public static IReadOnlyList<string> All { get; } = [PerMonth, Sector, Activity, Service, Province, Buyer, Answered];

    /// <summary>The province line of a need for the whole territory.</summary>
    public const string WholeTerritory = "territoire";

    public const string Public = "public";
    public const string Private = "prive";
    public const string Yes = "oui";
    public const string No = "non";
}

/// <summary>
/// The demand side's figures (issue #19, point 4) and how long buyers wait for a first answer: the median in days, or
/// null (withheld) when fewer than <see cref="Cell.MinimumShown"/> needs were answered, or when the answered count is
/// itself withheld.
/// </summary>
public sealed record NeedStatisticsReport(StatisticsReport Figures, double? MedianDaysToFirstAnswer)
{
    public long AnsweredCount { get; init; }
}

/// <summary>
/// Counts the needs published at least once (<see cref="Need.PublishedAt"/> set), whatever became of them since: per
/// month of publication (Nouméa), per sector, activity and service asked (a need asking several counts once in each:
/// those tables do not add up to the total), per province of its commune (the whole territory a line of its own),
/// public or private buyer, answered or not (at least one <see cref="NeedAnswer"/>), and the median time to a first answer.
/// <para>
/// Disclosure (ADR 14 and its revision): a published need is public, one by one, on the needs board, and its count is not
/// about any company: those counts are exact, like the profiles'. Whether a need was answered, and how fast, comes from
/// the companies' answers, which are not public: the answered / not answered table goes through
/// <see cref="Disclosure.Protect(IReadOnlyList{long})"/> (cells of 1 or 2 withheld, and the cell that would give them back),
/// and the median needs at least <see cref="Cell.MinimumShown"/> answered needs.
/// </para>
/// </summary>
public sealed class NeedStatistics(AppDbContext db, TaxonomyCatalog taxonomy, TimeProvider clock)
{
    public async Task<NeedStatisticsReport> ComputeAsync(CancellationToken cancellationToken = default)
    {
        var needs = await db.Needs.AsNoTracking().Where(n => n.PublishedAt != null)
            .Select(n => new { n.Id, n.PublishedAt, n.ActivityCodes, n.ServiceCodes, n.CommuneCode, n.BuyerKind })
            .ToListAsync(cancellationToken);
        var firstAnswers = (await db.NeedAnswers.AsNoTracking()
                .GroupBy(a => a.NeedId)
                .Select(g => new { NeedId = g.Key, First = g.Min(a => a.CreatedAt) })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.NeedId, a => a.First);

        var culture = CultureInfo.CurrentUICulture;
        var perMonth = needs.GroupBy(n => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(n.PublishedAt!.Value, DateTimeKind.Utc), MonthlySnapshotService.Noumea).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Row(g.Key, g.Key, new Cell(g.Count())))
            .ToList();
        var sectors = Counted(needs.Select(n => n.ActivityCodes.Select(a => taxonomy.FindActivity(a)?.SectorCode).OfType<string>()), FacetNames.Sector);
        var activities = Counted(needs.Select(n => n.ActivityCodes), FacetNames.Activity);
        var services = Counted(needs.Select(n => n.ServiceCodes), FacetNames.Service);
        var provinces = Counted(needs.Select(n => n.CommuneCode is null
            ? [NeedStatisticsNames.WholeTerritory]
            : new[] { taxonomy.FindCommune(n.CommuneCode)?.ProvinceCode }.OfType<string>()), FacetNames.Province);
        var publicCount = needs.Count(n => n.BuyerKind == BuyerKind.Public);
        var buyers = new List<Row>
        {
            new(NeedStatisticsNames.Public, Words("acheteur public", "public buyer", culture), new Cell(publicCount)),
            new(NeedStatisticsNames.Private, Words("acheteur privé", "private buyer", culture), new Cell(needs.Count - publicCount)),
        };
        var answered = needs.Count(n => firstAnswers.ContainsKey(n.Id));
        var protectedAnswers = Disclosure.Protect([answered, needs.Count - answered]);
        var answers = new List<Row>
        {
            new(NeedStatisticsNames.Yes, Words("au moins une réponse", "at least one answer", culture), protectedAnswers[0]),
            new(NeedStatisticsNames.No, Words("sans réponse", "no answer", culture), protectedAnswers[1]),
        };
        var waits = needs.Where(n => firstAnswers.ContainsKey(n.Id))
            .Select(n => Math.Max(0, (firstAnswers[n.Id] - n.PublishedAt!.Value).TotalDays))
            .Order()
            .ToList();
        double? median = protectedAnswers[0].Suppressed || waits.Count < Cell.MinimumShown ? null
            : Math.Round(waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[waits.Count / 2 - 1] + waits[waits.Count / 2]) / 2, 1);

        var total = needs.Count;
        var report = new StatisticsReport(StatisticsAudience.Public, total,
        [
            new Distribution(NeedStatisticsNames.PerMonth, perMonth, total),
            new Distribution(NeedStatisticsNames.Sector, sectors, total),
            new Distribution(NeedStatisticsNames.Activity, activities, total),
            new Distribution(NeedStatisticsNames.Service, services, total),
            new Distribution(NeedStatisticsNames.Province, provinces, total),
            new Distribution(NeedStatisticsNames.Buyer, buyers, total),
            new Distribution(NeedStatisticsNames.Answered, answers, total),
        ], [], clock.GetUtcNow().UtcDateTime);
        return new NeedStatisticsReport(report, median) { AnsweredCount = answered };
    }

    /// <summary>Each code counted once per need that has it, the largest first; labelled as the search's facet labels it.</summary>
    private List<Row> Counted(IEnumerable<IEnumerable<string>> codesPerNeed, string facet)
    {
        var definition = FacetCatalog.Get(facet);
        return [.. codesPerNeed.SelectMany(codes => codes.Distinct(StringComparer.Ordinal))
            .GroupBy(code => code, StringComparer.Ordinal)
            .Select(g => new Row(g.Key, g.Key == NeedStatisticsNames.WholeTerritory
                ? Words("tout le territoire", "the whole territory", CultureInfo.CurrentUICulture)
                : definition.LabelOf(g.Key, taxonomy), new Cell(g.Count())))
            .OrderByDescending(r => r.Cell.Count).ThenBy(r => r.Label, StringComparer.CurrentCulture)];
    }

    /// <summary>Core has no resources: the few labels of its own rows, in French or English.</summary>
    private static string Words(string french, string english, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? english : french;
}
