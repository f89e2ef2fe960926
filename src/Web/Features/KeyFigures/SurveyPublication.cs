using System.Globalization;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.Caching.Memory;

namespace AnnuaireFiliere.Web.Features.KeyFigures;

/// <summary>A wave's results and those of the wave it compares with (none for the first).</summary>
public sealed record PublishedWave(WaveResults Current, WaveResults? Previous);

/// <summary>
/// The census results as the site publishes them (docs/adr/0030): a closed wave's results, protected for the
/// public or whole for analysts, with its previous wave's for comparison; cached a few minutes (a closed wave's
/// answers no longer change; the companies' groups may). The tables are the same for the page, the workbook, the
/// open data and the API.
/// </summary>
public sealed class SurveyPublication(SurveyResultsService results, IMemoryCache cache, TaxonomyCatalog taxonomy)
{
    /// <summary>The indicators of the key figures, in their order: questions of the questionnaire, known by their ids.</summary>
    public static readonly IReadOnlyList<string> Headlines =
        ["effectif", "embauches", "ca-tranche", "ca-evolution", "vente-en-ligne", "canaux", "formation-besoins", "recrutement-difficultes", "clients-hors-nc", "perspectives"];

    public const string Withheld = "s";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The latest closed wave (when <paramref name="waveId"/> is null) or the one asked, with its previous; null when there is none.</summary>
    public async Task<PublishedWave?> ReadAsync(Guid? waveId, StatisticsAudience audience, Calibration calibration, CancellationToken cancellationToken)
    {
        var closed = await results.ClosedAsync(cancellationToken);
        var wave = waveId is { } id ? closed.FirstOrDefault(w => w.Id == id) : closed.FirstOrDefault();
        if (wave is null)
        {
            return null;
        }
        return await WithPreviousAsync(wave, w => ComputeAsync(w, audience, calibration, cancellationToken), cancellationToken);
    }

    /// <summary>A wave's results and those of the wave it compares with (when that one has results), each computed by <paramref name="compute"/>.</summary>
    public async Task<PublishedWave> WithPreviousAsync(SurveyWave wave, Func<SurveyWave, Task<WaveResults>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var current = await compute(wave);
        var previousWave = await results.PreviousAsync(wave, cancellationToken);
        var previous = previousWave is null ? null : await compute(previousWave);
        return new PublishedWave(current, previous?.State == ResultsState.Ready ? previous : null);
    }

    /// <summary>Every closed wave, the latest first.</summary>
    public Task<List<SurveyWave>> ClosedAsync(CancellationToken cancellationToken) => results.ClosedAsync(cancellationToken);

    /// <summary>A wave's results for an audience (cached).</summary>
    public Task<WaveResults> ComputeAsync(SurveyWave wave, StatisticsAudience audience, Calibration calibration, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(("survey-results", wave.Id, audience, calibration), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            entry.Size = 1;
            return results.ComputeAsync(wave, audience, calibration, cancellationToken);
        })!;

    /// <summary>The name of a group: all respondents, or a sector.</summary>
    public string GroupLabel(string group, string all) => group.Length == 0 ? all : taxonomy.FindSector(group)?.Label ?? group;

    /// <summary>An option's words: its label, or the point of a scale.</summary>
    public static string OptionLabel(Question question, string code, CultureInfo culture) =>
        question.Options.FirstOrDefault(o => o.Code == code)?.Label.In(culture) ?? code;

    /// <summary>The columns of a results table (analysts' tables add <see cref="AnalystColumn"/>).</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["groupe", "libelle_groupe", "repondants", "reponse", "libelle_reponse", "part_pct", "marge_erreur_pct", "entreprises_estimees", "total_estime", "moyenne", "mediane"];

    public const string AnalystColumn = "repondants_reponse";

    /// <summary>
    /// A question's results as a long table, header first (<see cref="Columns"/>): a line per group and option, or per
    /// group for a number — what the workbook, the open data and the CSV files write. Withheld values are "s";
    /// respondents' counts per option are in analysts' tables only.
    /// </summary>
    public List<string?[]> Lines(WaveResults wave, QuestionResult result, CultureInfo culture, string all)
    {
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(result);
        var analyst = wave.Audience == StatisticsAudience.Analyst;
        var question = result.Question;
        var lines = new List<string?[]> { analyst ? [.. Columns, AnalystColumn] : [.. Columns] };
        foreach (var group in result.Groups)
        {
            string?[] head = [GroupCode(group.Group), GroupLabel(group.Group, all), Count(group.Respondents, group.Withheld)];
            if (question.Type == QuestionType.WholeNumber)
            {
                var number = group.Number;
                var hidden = number?.Withheld == true;
                string?[] line = [.. head, null, null, null, null, null, Number(number?.Total, hidden, "0"), Number(number?.Mean, hidden, "0.##"), Number(number?.Median, hidden, "0.##")];
                lines.Add(analyst ? [.. line, null] : line);
                continue;
            }
            foreach (var option in group.Options)
            {
                string?[] line =
                [
                    .. head, option.Code, OptionLabel(question, option.Code, culture),
                    Number(option.Share * 100, option.Withheld, "0.#"), Number(option.MarginOfError * 100, option.Withheld, "0.#"),
                    question.Type == QuestionType.PercentageSplit ? null : Number(option.Estimate, option.Withheld, "0"),
                    null, question.Type == QuestionType.Scale ? Number(group.Mean, group.Mean is null, "0.##") : null, null,
                ];
                lines.Add(analyst ? [.. line, Count(option.Count, option.Withheld && option.Count is null)] : line);
            }
        }
        return lines;
    }

    /// <summary>The columns of the open data's survey table: the wave and the question, then <see cref="Columns"/>.</summary>
    public static readonly IReadOnlyList<string> OpenDataColumns = ["vague_id", "vague", "cloture", "question", "libelle_question", .. Columns];

    /// <summary>Every closed wave's published (protected) results as one long table, header first, in French.</summary>
    public async Task<List<string?[]>> OpenDataLinesAsync(CancellationToken cancellationToken)
    {
        var french = CultureInfo.GetCultureInfo("fr-FR");
        List<string?[]> lines = [[.. OpenDataColumns]];
        foreach (var wave in await ClosedAsync(cancellationToken))
        {
            var results = await ComputeAsync(wave, StatisticsAudience.Public, Calibration.SectorAndSize, cancellationToken);
            foreach (var question in results.State == ResultsState.Ready ? results.Questions : [])
            {
                string?[] head = [wave.Id.ToString(), wave.Title, wave.ClosesAt.AddDays(-1).AddHours(11).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), question.Question.Id, question.Question.Text.In(french)];
                lines.AddRange(Lines(results, question, french, "Toutes les entreprises").Skip(1).Select(line => (string?[])[.. head, .. line]));
            }
        }
        return lines;
    }

    /// <summary>All respondents' group in the tables: "ensemble" (a sector's code otherwise).</summary>
    public const string AllCode = "ensemble";

    private static string GroupCode(string group) => group.Length == 0 ? AllCode : group;

    private static string? Count(long? value, bool withheld) => withheld ? Withheld : value?.ToString(CultureInfo.InvariantCulture);

    private static string? Number(double? value, bool withheld, string format) =>
        withheld ? Withheld : value?.ToString(format, CultureInfo.InvariantCulture);
}
