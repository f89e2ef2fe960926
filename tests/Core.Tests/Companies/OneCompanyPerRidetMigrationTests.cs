using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests.Companies;

/// <summary>
/// The migration to one company per RIDET (<c>OneCompanyPerRidet</c>, docs/adr/0020) on a database where two
/// companies or more already share a RIDET: the first registered keeps it, the others lose it with a history entry
/// saying why, the index is unique from then on, and going back gives the numbers back.
/// </summary>
public sealed class OneCompanyPerRidetMigrationTests
{
    private const string PreviousMigration = "20261203115020_QueryLog";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Later_holders_of_a_shared_ridet_lose_it_with_a_history_entry_and_the_index_is_unique()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.ContextAtOlderSchema();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(PreviousMigration, cancellationToken: Cancel);
        await new TaxonomySynchronizer(db, NullLogger<TaxonomySynchronizer>.Instance).SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), Cancel);
        var shared = Ridet.Parse("1234567.001");
        var first = Company("premiere", shared, PublicationStatus.Archived, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var copy = Company("copie", shared, PublicationStatus.Published, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var draft = Company("brouillon", shared, PublicationStatus.PendingReview, new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc));
        var alone = Company("seule", Ridet.Parse("7654321"), PublicationStatus.Published, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var without = Company("sans-ridet", null, PublicationStatus.Published, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var without2 = Company("sans-ridet-2", null, PublicationStatus.Published, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        db.Companies.AddRange(first, copy, draft, alone, without, without2);
        await db.SaveChangesAsync(Cancel);
        var versions = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Version, Cancel);
        db.ChangeTracker.Clear();

        await db.Database.MigrateAsync(Cancel);

        var ridets = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Slug, c => c.Ridet, Cancel);
        Assert.Equal(shared, ridets["premiere"]);
        Assert.Null(ridets["copie"]);
        Assert.Null(ridets["brouillon"]);
        Assert.Equal(Ridet.Parse("7654321"), ridets["seule"]);
        var entries = await db.CompanyChanges.AsNoTracking().ToListAsync(Cancel);
        Assert.Equal(new[] { copy.Id, draft.Id }.Order(), entries.Select(e => e.CompanyId).Order());
        Assert.All(entries, e =>
        {
            Assert.Equal((ChangeKind.Edited, (Guid?)null, "ridet-duplicate"), (e.Kind, e.UserId, e.Note?.Code));
            Assert.Equal(new FieldChange("ridet", "1234567.001", null), Assert.Single(e.FieldChanges));
        });
        var after = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Version, Cancel);
        Assert.Equal(versions[copy.Id] + 1, after[copy.Id]);
        Assert.Equal(versions[first.Id], after[first.Id]);
        // The published company that changed is indexed again (with its new version).
        Assert.Contains(await db.IndexingTasks.AsNoTracking().ToListAsync(Cancel),
            t => t.CompanyId == copy.Id && t.Reason == IndexingTaskReason.Updated && t.CompanyVersion == after[copy.Id]);

        db.Companies.Add(Company("encore", shared, PublicationStatus.PendingReview, DateTime.UtcNow));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
        db.ChangeTracker.Clear();

        await migrator.MigrateAsync(PreviousMigration, cancellationToken: Cancel);

        var restored = await db.Database.SqlQuery<string?>($"SELECT Ridet AS Value FROM Companies WHERE Slug IN ('copie', 'brouillon')").ToListAsync(Cancel);
        Assert.Equal(["1234567.001", "1234567.001"], restored);
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM CompanyChanges").SingleAsync(Cancel));
    }

    [Fact]
    public async Task The_shared_ridets_are_listed_before_the_migration_clears_them()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.ContextAtOlderSchema();
        await db.GetService<IMigrator>().MigrateAsync(PreviousMigration, cancellationToken: Cancel);
        await new TaxonomySynchronizer(db, NullLogger<TaxonomySynchronizer>.Instance).SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), Cancel);
        var shared = Ridet.Parse("1234567.001");
        db.Companies.AddRange(
            Company("premiere", shared, PublicationStatus.Published, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            Company("copie", shared, PublicationStatus.Published, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc)),
            Company("seule", Ridet.Parse("7654321"), PublicationStatus.Published, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        await db.SaveChangesAsync(Cancel);

        var duplicates = await Data.SharedRidets.FindAsync(db, Cancel);

        var duplicate = Assert.Single(duplicates);
        Assert.Equal(("1234567.001", "premiere"), (duplicate.Ridet, duplicate.KeptBy));
        Assert.Equal(["copie"], duplicate.ClearedFrom);
    }

    private static Company Company(string slug, Ridet? ridet, PublicationStatus status, DateTime createdAt)
    {
        var company = SampleCompanies.Valid(slug, status);
        company.Ridet = ridet;
        company.CreatedAt = createdAt;
        company.UpdatedAt = createdAt;
        return company;
    }
}
