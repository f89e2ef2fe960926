using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests;

public sealed class DatabaseTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_create_every_table_on_a_fresh_database()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.Context();
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync(Cancel));

        await db.Database.MigrateAsync(Cancel);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Cancel));
        Assert.Equal(0, await db.Companies.CountAsync(Cancel));
        Assert.Equal(0, await db.IndexingTasks.CountAsync(Cancel));
    }

    /// <summary>
    /// Each provider has its own migration set, made from the one model: both must hold every model change (no server
    /// is needed to compare a model with its migrations' snapshot).
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "dotnet ef migrations add <Name> --project src/Core --context AppDbContext --output-dir Data/Migrations")]
    [InlineData(DatabaseProvider.PostgreSql, "dotnet ef migrations add <Name> --project src/Core --context PostgreSqlDbContext --output-dir Data/PostgreSqlMigrations --namespace AnnuaireFiliere.Core.Data.PostgreSqlMigrations")]
    public async Task Each_migration_set_holds_every_model_change(DatabaseProvider provider, string command)
    {
        var connection = provider == DatabaseProvider.PostgreSql ? "Host=localhost;Database=never_contacted" : "Data Source=:memory:";
        await using var db = AppDatabase.Create(provider, connection, TimeProvider.System);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations lack a model change. Run: {command}");
    }

    [Fact]
    public void The_two_migration_sets_are_distinct()
    {
        using var sqlite = AppDatabase.Create(DatabaseProvider.Sqlite, "Data Source=:memory:", TimeProvider.System);
        using var postgres = AppDatabase.Create(DatabaseProvider.PostgreSql, "Host=localhost;Database=never_contacted", TimeProvider.System);
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations()));
        Assert.Equal(DatabaseProvider.Sqlite, sqlite.ProviderOf());
        Assert.Equal(DatabaseProvider.PostgreSql, postgres.ProviderOf());
    }

    [Fact]
    public async Task A_company_round_trips_with_every_field()
    {
        await using var database = await TestDatabase.CreateAsync();
        var company = SampleCompanies.Valid();
        company.ServiceArea = new ServiceArea { ProvinceCodes = ["sud", "iles"], CommuneCodes = ["98814"], PacificRegion = true };
        company.ECommerce = new ECommerceProfile { SellsOnOwnShop = true, OnlinePayment = true, DeliversIslands = true, B2C = true, Platforms = ["Shopify"] };
        company.Contact = new ContactPerson { Name = "Marie Wahuzue", Role = "Gérante" };
        company.Skills = ["C#", "Flutter"];
        await using (var db = database.Context())
        {
            db.Companies.Add(company);
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = database.Context();
        var stored = await read.Companies.Include(c => c.SecondaryActivities).SingleAsync(Cancel);
        Assert.Equal("1234567.001", stored.Ridet.ToString());
        Assert.Equal(["sud", "iles"], stored.ServiceArea.ProvinceCodes);
        Assert.True(stored.ServiceArea.PacificRegion);
        Assert.True(stored.ECommerce.SellsOnline);
        Assert.Equal(["Shopify"], stored.ECommerce.Platforms);
        Assert.Equal("Gérante", stored.Contact.Role);
        Assert.Equal(["C#", "Flutter"], stored.Skills);
        Assert.Equal("A0901", Assert.Single(stored.SecondaryActivities).ActivityCode);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, stored.CreatedAt);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Slugs_are_unique()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Context();
        db.Companies.Add(SampleCompanies.Valid("meme-nom"));
        db.Companies.Add(SampleCompanies.Valid("meme-nom"));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_by_the_version()
    {
        await using var database = await TestDatabase.CreateAsync();
        var company = SampleCompanies.Valid();
        await using (var db = database.Context())
        {
            db.Companies.Add(company);
            await db.SaveChangesAsync(Cancel);
        }
        await using var first = database.Context();
        await using var second = database.Context();
        var a = await first.Companies.SingleAsync(Cancel);
        var b = await second.Companies.SingleAsync(Cancel);
        a.TradeName = "Cagou Web Studio";
        await first.SaveChangesAsync(Cancel);
        Assert.Equal(2, a.Version);

        b.TradeName = "Cagou Digital";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Cancel));
    }

    [Fact]
    public async Task Taxonomy_loading_is_idempotent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Context();
        var again = await Synchronizer(db).SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), Cancel);
        Assert.False(again.Changed);
        Assert.Equal(33, await db.Communes.CountAsync(Cancel));
        Assert.Equal(61, await db.Activities.CountAsync(Cancel));
        Assert.Equal(11, await db.Sectors.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_changed_label_is_updated()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Context();
        var changed = TaxonomyCatalog.LoadEmbedded();
        changed.Activities.Single(a => a.Code == "A0405").LabelFr = "Développement web et mobile";

        var result = await Synchronizer(db).SynchronizeAsync(changed, Cancel);

        Assert.Equal(1, result.Updated);
        await using var read = database.Context();
        Assert.Equal("Développement web et mobile", (await read.Activities.SingleAsync(a => a.Code == "A0405", Cancel)).LabelFr);
    }

    [Fact]
    public async Task A_code_in_use_is_retired_not_dropped_and_an_unused_one_is_removed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.Context())
        {
            db.Companies.Add(SampleCompanies.Valid()); // uses A0405 and A0901
            await db.SaveChangesAsync(Cancel);
        }
        var withoutTwo = WithoutActivities("A0405", "A0105");

        await using var sync = database.Context();
        var result = await Synchronizer(sync).SynchronizeAsync(withoutTwo, Cancel);

        Assert.Equal(["Activity A0405"], result.Retired);
        Assert.Equal(1, result.Removed);
        await using var read = database.Context();
        Assert.True((await read.Activities.SingleAsync(a => a.Code == "A0405", Cancel)).IsRetired);
        Assert.False(await read.Activities.AnyAsync(a => a.Code == "A0105", Cancel));
        Assert.Equal("A0405", (await read.Companies.SingleAsync(Cancel)).PrimaryActivityCode);

        // Back in the data: no longer retired.
        var restored = await Synchronizer(read).SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), Cancel);
        Assert.Equal(1, restored.Added);
        Assert.False((await read.Activities.SingleAsync(a => a.Code == "A0405", Cancel)).IsRetired);
    }

    private static TaxonomyCatalog WithoutActivities(params string[] codes)
    {
        var shipped = TaxonomyCatalog.LoadEmbedded();
        return new TaxonomyCatalog(shipped.Sectors, [.. shipped.Activities.Where(a => !codes.Contains(a.Code))], shipped.Provinces,
            shipped.Communes, shipped.SizeBands, shipped.LegalForms, shipped.Languages, shipped.NafCodes);
    }

    private static TaxonomySynchronizer Synchronizer(AppDbContext db) => new(db, NullLogger<TaxonomySynchronizer>.Instance);

    [Fact]
    public async Task A_nul_character_in_a_text_does_not_fail_the_save_or_the_query()
    {
        // PostgreSQL's text refuses NUL (a form field, a pasted cell or a query string may carry one): it is dropped
        // there from every value sent, in a column, a JSON document, a list or a query's parameter. SQLite keeps it.
        await using var database = await TestDatabase.CreateAsync();
        var cancel = TestContext.Current.CancellationToken;
        var company = SampleCompanies.Valid("nul");
        company.TradeName = "Cagou\0 Web";
        company.Contact.Name = "Marie\0 Wayenece";
        company.Phones = ["27\0 12 34"];
        company.ECommerce.Platforms = ["Sho\0pify"];
        company.ServiceArea.CommuneCodes = ["98\0800"];
        await using (var db = database.Context())
        {
            db.Companies.Add(company);
            await db.SaveChangesAsync(cancel);
        }
        await using var check = database.Context();
        var saved = await check.Companies.AsNoTracking().SingleAsync(c => c.Id == company.Id, cancel);
        string Kept(string text) => database.Provider == DatabaseProvider.PostgreSql ? text.Replace("\0", "", StringComparison.Ordinal) : text;
        Assert.Equal(Kept("Cagou\0 Web"), saved.TradeName);
        Assert.Equal(Kept("Marie\0 Wayenece"), saved.Contact.Name);
        Assert.Equal([Kept("27\0 12 34")], saved.Phones);
        Assert.Equal([Kept("Sho\0pify")], saved.ECommerce.Platforms);
        Assert.Equal([Kept("98\0800")], saved.ServiceArea.CommuneCodes);

        // A look-up by a value carrying NUL answers (nothing, or the value without it) instead of failing.
        var slug = company.Slug + "\0";
        var found = await check.Companies.AsNoTracking().Where(c => c.Slug == slug).Select(c => c.Id).ToListAsync(cancel);
        Assert.Equal(database.Provider == DatabaseProvider.PostgreSql ? [company.Id] : [], found);
        var names = new[] { "x\0y" };
        Assert.Empty(await check.Companies.AsNoTracking().Where(c => names.Contains(c.TradeName)).ToListAsync(cancel));
    }
}
