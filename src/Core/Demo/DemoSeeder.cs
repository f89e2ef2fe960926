using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnnuaireFiliere.Core.Demo;

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Fill an empty database with demo companies at start (on in Development).</summary>
    public bool SeedWhenEmpty { get; set; }

    [Range(1, 10_000_000)]
    public int Count { get; set; } = 600;

    public int Seed { get; set; } = 2014;

    /// <summary>Monthly statistics snapshots reconstructed for the demo (from publication dates), so that time series show something.</summary>
    public const int HistoryMonths = 12;
}

/// <summary>Thrown when demo data would be mixed with existing companies.</summary>
public sealed class DatabaseNotEmptyException(int companies)
    : InvalidOperationException($"La base contient déjà {companies} entreprise(s) : les données de démonstration ne s'ajoutent qu'à une base vide (supprimez le dossier de données pour repartir de zéro).")
{
    public int Companies { get; } = companies;
}

/// <summary>
/// Writes demo companies to the database in batches, each in its own transaction, so that memory stays flat
/// whatever the count. Writes the indexing task log too (see <see cref="CompanyBulkWriter"/>), and two closed census
/// waves with their populations and answers (<see cref="DemoSurveys"/>).
/// </summary>
public sealed partial class DemoSeeder(IServiceScopeFactory scopes, TaxonomyCatalog taxonomy, QuestionnaireCatalog questionnaires, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const int DefaultBatchSize = 2_000;

    /// <summary>Inserts <paramref name="count"/> companies; reports the number written after each batch.</summary>
    public async Task SeedAsync(int count, int seed, IProgress<int>? progress = null, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var existing = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Companies.CountAsync(cancellationToken);
            if (existing > 0)
            {
                throw new DatabaseNotEmptyException(existing);
            }
        }

        // Midnight today: the same seed gives the same data all day.
        var reference = clock.GetUtcNow().UtcDateTime.Date;
        var surveys = questionnaires.Latest(DemoSurveys.QuestionnaireId) is { } questionnaire ? new DemoSurveys(questionnaire, taxonomy, reference, seed) : null;
        if (surveys is not null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.SurveyWaves.AddRange(surveys.Waves);
            await db.SaveChangesAsync(cancellationToken);
        }
        // Generation and writing overlap (one core each); two batches in flight at most keep memory flat.
        var batches = Channel.CreateBounded<Company[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in new DemoCompanyGenerator(taxonomy).Generate(count, seed, reference).Chunk(batchSize))
                {
                    await batches.Writer.WriteAsync(batch, cancellationToken);
                }
                batches.Writer.Complete();
            }
            catch (Exception exception)
            {
                batches.Writer.Complete(exception);
            }
        }, cancellationToken);

        var written = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var writer = new CompanyBulkWriter(db, clock);
            await writer.InsertAsync(batch, cancellationToken);
            db.Realisations.AddRange(batch.SelectMany(company => DemoRealisations.For(company, reference)));
            await db.SaveChangesAsync(cancellationToken);
            if (surveys is not null)
            {
                var (members, responses) = surveys.For(batch);
                await writer.InsertRowsAsync(members, cancellationToken);
                await writer.InsertRowsAsync(responses, cancellationToken);
            }
            written += batch.Length;
            progress?.Report(written);
        }
        await producer;
        await SeedNeedsAsync(reference, seed, cancellationToken);
        LogSeeded(written, seed);
    }

    /// <summary>The buyers' needs of the last year (<see cref="DemoNeeds"/>), answered by companies just written.</summary>
    private async Task SeedNeedsAsync(DateTime reference, int seed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var codes = DemoNeeds.ActivityCodes.ToList();
        var published = db.Companies.Where(c => c.Status == PublicationStatus.Published);
        var primary = await published.Where(c => codes.Contains(c.PrimaryActivityCode))
            .Select(c => new { Code = c.PrimaryActivityCode, c.Id }).ToListAsync(cancellationToken);
        var secondary = await db.CompanyActivities.Where(a => codes.Contains(a.ActivityCode) && published.Any(c => c.Id == a.CompanyId))
            .Select(a => new { Code = a.ActivityCode, Id = a.CompanyId }).ToListAsync(cancellationToken);
        var byActivity = primary.Concat(secondary).OrderBy(p => p.Code, StringComparer.Ordinal).ThenBy(p => p.Id).ToLookup(p => p.Code, p => p.Id);
        var (needs, answers, changes) = DemoNeeds.Create(byActivity, reference, seed, code => taxonomy.FindCommune(code)?.LabelFr);
        db.Needs.AddRange(needs);
        await db.SaveChangesAsync(cancellationToken);
        db.NeedAnswers.AddRange(answers);
        db.NeedChanges.AddRange(changes);
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo companies (seed {Seed})")]
    private partial void LogSeeded(int count, int seed);
}
