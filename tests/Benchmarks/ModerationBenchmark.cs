extern alias Web;

using System.Text.Json;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModerationQueues = Web::AnnuaireFiliere.Web.Features.Moderation.ModerationQueues;

namespace AnnuaireFiliere.Benchmarks;

/// <summary>
/// The moderation queries over <c>--count</c> demo companies with 2,000 pending claims and 20 history entries for one
/// company: the queue counts of <c>/moderation</c>, each queue's first page, and a company's history.
/// </summary>
internal static class ModerationBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var count = options.Int("count", 100_000);
        var iterations = options.Int("iterations", 50);
        var folder = Path.Combine(Path.GetTempPath(), "annuaire-bench", Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"moderation: {count:N0} companies; {iterations} runs each; {Environment.ProcessorCount} cores");
            using var host = SearchBenchmark.CreateHost(folder);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(count, 2014);
            Guid historyCompany;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var user = new DirectoryUser { Id = Guid.NewGuid(), UserName = "bench@exemple.nc", NormalizedUserName = "BENCH@EXEMPLE.NC", Email = "bench@exemple.nc", NormalizedEmail = "BENCH@EXEMPLE.NC", CreatedAt = DateTime.UtcNow };
                db.Users.Add(user);
                var companies = await db.Companies.AsNoTracking().OrderBy(c => c.Id).Take(2_000).ToListAsync();
                db.AccessRequests.AddRange(companies.Select((c, i) => new AccessRequest { CompanyId = c.Id, UserId = user.Id, Kind = AccessRequestKind.Claim, EmailDomainMatchesWebsite = i % 7 == 0, CreatedAt = DateTime.UtcNow.AddMinutes(-i) }));
                historyCompany = companies[0].Id;
                // History made by hand, as a page reads it (the site writes it through the company life cycle).
                db.CompanyChanges.AddRange(Enumerable.Range(0, 20).Select(i => new CompanyChange
                {
                    CompanyId = companies[0].Id,
                    At = DateTime.UtcNow.AddDays(-i),
                    UserId = user.Id,
                    Actor = user.Email,
                    Kind = ChangeKind.Edited,
                    Fields = JsonSerializer.Serialize(CompanyFields.Diff(new Dictionary<string, string?>(), CompanyFields.Of(companies[0])), JsonSerializerOptions.Web),
                }));
                await db.SaveChangesAsync();
            }

            async Task<T> WithQueues<T>(Func<ModerationQueues, AppDbContext, Task<T>> run)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                return await run(new ModerationQueues(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<Core.Survey.SurveyWaves>()), db);
            }

            var counts = await WithQueues((q, _) => q.CountAsync(CancellationToken.None));
            Console.WriteLine($"queues: {counts}");
            SearchBenchmark.Report("/moderation: the five counts", await SearchBenchmark.TimeAsync(iterations, _ => WithQueues((q, _) => q.CountAsync(CancellationToken.None))));
            SearchBenchmark.Report("new profiles, first page", await SearchBenchmark.TimeAsync(iterations, _ => WithQueues((q, _) => q.ProfilesAsync(1, CancellationToken.None))));
            SearchBenchmark.Report("claims, first page", await SearchBenchmark.TimeAsync(iterations, _ => WithQueues((q, _) => q.RequestsAsync(AccessRequestKind.Claim, 1, CancellationToken.None))));
            SearchBenchmark.Report("profiles to check, first page", await SearchBenchmark.TimeAsync(iterations, _ => WithQueues((q, _) => q.StaleAsync(1, CancellationToken.None))));
            SearchBenchmark.Report("a company's history", await SearchBenchmark.TimeAsync(iterations, _ => WithQueues((_, db) =>
                db.CompanyChanges.AsNoTracking().Where(c => c.CompanyId == historyCompany).OrderByDescending(c => c.At).Take(100).ToListAsync())));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }
}
