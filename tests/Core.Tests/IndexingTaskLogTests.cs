using System.Data.Common;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>Every change that affects what search shows writes a task, in the same transaction as the change.</summary>
public sealed class IndexingTaskLogTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_published_company_writes_a_task()
    {
        await using var database = await TestDatabase.CreateAsync();
        var company = await AddAsync(database, SampleCompanies.Valid());

        var task = Assert.Single(await TasksAsync(database));
        Assert.Equal(company.Id, task.CompanyId);
        Assert.Equal(IndexingTaskReason.Created, task.Reason);
        Assert.Equal(1, task.CompanyVersion);
    }

    [Fact]
    public async Task Drafts_that_never_were_public_write_no_task()
    {
        await using var database = await TestDatabase.CreateAsync();
        var draft = await AddAsync(database, SampleCompanies.Valid(status: PublicationStatus.Draft));
        await ChangeAsync(database, draft.Id, c => c.TradeName = "Autre nom");
        await ChangeAsync(database, draft.Id, c => c.Status = PublicationStatus.PendingReview);

        Assert.Empty(await TasksAsync(database));
    }

    [Fact]
    public async Task Publish_update_unpublish_and_delete_each_write_a_task_with_the_new_version()
    {
        await using var database = await TestDatabase.CreateAsync();
        database.Clock.Advance(TimeSpan.FromDays(1));
        var company = await AddAsync(database, SampleCompanies.Valid(status: PublicationStatus.PendingReview));
        await ChangeAsync(database, company.Id, c => c.Status = PublicationStatus.Published);
        await ChangeAsync(database, company.Id, c => c.DescriptionFr = "Nouvelle description");
        await ChangeAsync(database, company.Id, c => c.Status = PublicationStatus.Archived);
        await ChangeAsync(database, company.Id, c => c.Status = PublicationStatus.Published);
        await using (var db = database.Context())
        {
            db.Companies.Remove(await db.Companies.SingleAsync(Cancel));
            await db.SaveChangesAsync(Cancel);
        }

        var tasks = await TasksAsync(database);
        Assert.Equal(
            [IndexingTaskReason.Published, IndexingTaskReason.Updated, IndexingTaskReason.Unpublished, IndexingTaskReason.Published, IndexingTaskReason.Deleted],
            tasks.Select(t => t.Reason));
        Assert.Equal([2, 3, 4, 5, 5], tasks.Select(t => t.CompanyVersion));
        Assert.True(tasks.Zip(tasks.Skip(1)).All(pair => pair.First.Id < pair.Second.Id));
    }

    [Fact]
    public async Task Changing_only_secondary_activities_is_a_change_of_the_company()
    {
        await using var database = await TestDatabase.CreateAsync();
        var company = await AddAsync(database, SampleCompanies.Valid());
        await using (var db = database.Context())
        {
            var stored = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(Cancel);
            stored.SecondaryActivities.Add(new CompanyActivity { ActivityCode = "A1001" });
            await db.SaveChangesAsync(Cancel);
            Assert.Equal(2, stored.Version);
        }

        var tasks = await TasksAsync(database);
        Assert.Equal([IndexingTaskReason.Created, IndexingTaskReason.Updated], tasks.Select(t => t.Reason));
        Assert.Equal(company.Id, tasks[1].CompanyId);
    }

    [Fact]
    public async Task A_failed_task_write_rolls_the_company_change_back()
    {
        await using var database = await TestDatabase.CreateAsync();
        var failure = new FailOnIndexingTaskInsert();
        await using (var db = database.Context(failure))
        {
            db.Companies.Add(SampleCompanies.Valid());
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
            Assert.IsType<InvalidOperationException>(error.InnerException);
        }
        Assert.True(failure.CompanyRowWritten, "the company INSERT ran before the task INSERT failed");

        await using var read = database.Context();
        Assert.Equal(0, await read.Companies.CountAsync(Cancel));
        Assert.Equal(0, await read.CompanyActivities.CountAsync(Cancel));
        Assert.Equal(0, await read.IndexingTasks.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_failed_company_write_leaves_no_task()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddAsync(database, SampleCompanies.Valid("pris"));
        await using (var db = database.Context())
        {
            db.Companies.Add(SampleCompanies.Valid("nouveau"));
            db.Companies.Add(SampleCompanies.Valid("pris")); // unique slug violated
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
        }

        await using var read = database.Context();
        Assert.Equal(1, await read.Companies.CountAsync(Cancel));
        Assert.Single(await TasksAsync(database));
    }

    [Fact]
    public async Task A_task_written_later_is_not_visible_before_an_earlier_one_commits()
    {
        // The indexers read the log after their cursor: a task that became visible before a smaller id committed
        // would move a cursor past that id for good. On SQLite one writer at a time guarantees the order; on
        // PostgreSQL writers of tasks take one lock (TaskLogOrder).
        await using var database = await TestDatabase.CreateAsync();
        await using var first = database.Context();
        await using var transaction = await first.Database.BeginTransactionAsync(Cancel);
        first.Companies.Add(SampleCompanies.Valid("premiere"));
        await first.SaveChangesAsync(Cancel);

        var second = Task.Run(() => AddAsync(database, SampleCompanies.Valid("seconde")), Cancel);
        // Give the second writer time to commit if nothing held it back (a bounded wait, not a timing assertion).
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(1), Cancel));
        await using (var reader = database.Context())
        {
            Assert.Empty(await reader.IndexingTasks.AsNoTracking().ToListAsync(Cancel));
        }

        await transaction.CommitAsync(Cancel);
        await second.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var tasks = await TasksAsync(database);
        Assert.Equal(2, tasks.Count);
        Assert.True(tasks[0].Id < tasks[1].Id);
        await using var check = database.Context();
        var firstId = (await check.Companies.SingleAsync(c => c.Slug == "premiere", Cancel)).Id;
        Assert.Equal(firstId, tasks[0].CompanyId);
    }

    private static async Task<Company> AddAsync(TestDatabase database, Company company)
    {
        await using var db = database.Context();
        db.Companies.Add(company);
        await db.SaveChangesAsync(Cancel);
        return company;
    }

    private static async Task ChangeAsync(TestDatabase database, Guid id, Action<Company> change)
    {
        await using var db = database.Context();
        change(await db.Companies.SingleAsync(c => c.Id == id, Cancel));
        await db.SaveChangesAsync(Cancel);
    }

    private static async Task<List<IndexingTask>> TasksAsync(TestDatabase database)
    {
        await using var db = database.Context();
        return await db.IndexingTasks.OrderBy(t => t.Id).ToListAsync(Cancel);
    }

    /// <summary>Fails the INSERT into the task log, after the company row was written in the same transaction.</summary>
    private sealed class FailOnIndexingTaskInsert : DbCommandInterceptor
    {
        public bool CompanyRowWritten { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Watch(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Watch(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Watch(DbCommand command)
        {
            CompanyRowWritten |= command.CommandText.Contains("INSERT INTO \"Companies\"", StringComparison.Ordinal);
            if (command.CommandText.Contains("INSERT INTO \"IndexingTasks\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("simulated failure while writing the task log");
            }
        }
    }
}
