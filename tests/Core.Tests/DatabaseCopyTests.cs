using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Demo;
using AnnuaireFiliere.Core.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>
/// An embedded SQLite site's database copied into another (PostgreSQL when the tests run on it, another SQLite file
/// otherwise): every table with the same rows, again without copying twice, never over a database already in use.
/// </summary>
public sealed class DatabaseCopyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_table_arrives_with_its_rows_and_a_second_run_copies_nothing()
    {
        await using var source = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        await using (var services = source.DemoServices())
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync(120, 2014, batchSize: 50, cancellationToken: Cancel);
        }
        await using var target = await TestDatabase.CreateAsync(migrate: false);

        IReadOnlyList<TableCopy> first;
        await using (var from = source.Context())
        await using (var to = target.Context())
        {
            first = await new DatabaseCopy(from, to).RunAsync(cancellationToken: Cancel);
        }

        Assert.All(first, table => Assert.True(table.Equal, $"{table.Table}: {table.Source} in the source, {table.Target} in the target"));
        Assert.Contains(first, t => t.Table == "Companies" && t.Source == 120 && t.Copied == 120);
        Assert.Contains(first, t => t.Table == "IndexingTasks" && t.Copied > 0);
        Assert.Contains(first, t => t.Table == "SurveyResponses" && t.Copied > 0);
        await using (var from = source.Context())
        await using (var to = target.Context())
        {
            // Rows as they were: values, JSON columns, versions and times (to the microsecond, PostgreSQL's precision), the task log's ids.
            var expected = await from.Companies.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Cancel);
            var copied = await to.Companies.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Cancel);
            Assert.Equal(
                expected.Select(c => (c.Id, c.Slug, c.Version, Microseconds(c.UpdatedAt), c.Email, c.Contact.Name, c.ServiceArea.WholeTerritory, string.Join(",", c.ServiceArea.CommuneCodes), string.Join(',', c.ServiceCodes))),
                copied.Select(c => (c.Id, c.Slug, c.Version, Microseconds(c.UpdatedAt), c.Email, c.Contact.Name, c.ServiceArea.WholeTerritory, string.Join(",", c.ServiceArea.CommuneCodes), string.Join(',', c.ServiceCodes))));
            Assert.Equal(
                await from.IndexingTasks.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(Cancel),
                await to.IndexingTasks.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(Cancel));
        }

        IReadOnlyList<TableCopy> again;
        await using (var from = source.Context())
        await using (var to = target.Context())
        {
            again = await new DatabaseCopy(from, to).RunAsync(cancellationToken: Cancel);
        }
        Assert.All(again, table => Assert.Equal(0, table.Copied));
        Assert.All(again, table => Assert.True(table.Equal));

        // The copied database goes on: new rows take ids after the copied ones.
        await using (var to = target.Context())
        {
            var company = await to.Companies.FirstAsync(c => c.Status == PublicationStatus.Published, Cancel);
            company.DescriptionFr = "Après la migration";
            await to.SaveChangesAsync(Cancel);
            var last = await to.IndexingTasks.OrderByDescending(t => t.Id).FirstAsync(Cancel);
            Assert.Equal(company.Id, last.CompanyId);
            Assert.Equal(first.Single(t => t.Table == "IndexingTasks").Source + 1, await to.IndexingTasks.LongCountAsync(Cancel));
        }
    }

    private static long Microseconds(DateTime time) => time.Ticks / 10;

    [Fact]
    public async Task A_target_that_already_has_other_rows_is_refused_with_a_message()
    {
        await using var source = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        await using var target = await TestDatabase.CreateAsync();
        await using (var from = source.Context())
        {
            from.Companies.Add(SampleCompanies.Valid("source"));
            await from.SaveChangesAsync(Cancel);
        }
        await using (var to = target.Context())
        {
            to.Companies.AddRange(SampleCompanies.Valid("deja-la"), SampleCompanies.Valid("aussi-la"));
            await to.SaveChangesAsync(Cancel);
        }

        await using (var from = source.Context())
        await using (var to = target.Context())
        {
            var refused = await Assert.ThrowsAsync<DatabaseCopyException>(() => new DatabaseCopy(from, to).RunAsync(cancellationToken: Cancel));
            Assert.Contains("Companies", refused.Message, StringComparison.Ordinal);
        }
        await using var check = target.Context();
        Assert.Equal(["aussi-la", "deja-la"], await check.Companies.OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync(Cancel));
    }
}
