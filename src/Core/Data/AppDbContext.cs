using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Moderation;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// The directory's database. Saving a company also stamps its times and version and appends an
/// <see cref="IndexingTask"/> when the change affects what search shows, in the same transaction.
/// It also holds the accounts (ASP.NET Core Identity tables, Guid keys), the site's Data Protection keys and, with
/// <c>Storage:Files=Database</c>, its files: what every node of a farm must share (docs/adr/0034).
/// </summary>
public class AppDbContext : IdentityDbContext<DirectoryUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    private readonly TimeProvider _clock;

    /// <summary>The SQLite context (the embedded default), whose migrations are in <c>Data/Migrations</c>.</summary>
    public AppDbContext(DbContextOptions<AppDbContext> options, TimeProvider clock)
        : this((DbContextOptions)options, clock)
    {
    }

    /// <summary>For <see cref="PostgreSqlDbContext"/>: the same model on another provider, with its own migrations.</summary>
    protected AppDbContext(DbContextOptions options, TimeProvider clock)
        : base(options) => _clock = clock;

    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyActivity> CompanyActivities => Set<CompanyActivity>();
    public DbSet<IndexingTask> IndexingTasks => Set<IndexingTask>();
    public DbSet<ErrorReport> ErrorReports => Set<ErrorReport>();
    public DbSet<CompanyMember> CompanyMembers => Set<CompanyMember>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<MemberInvitation> MemberInvitations => Set<MemberInvitation>();
    public DbSet<RegistrationDraft> RegistrationDrafts => Set<RegistrationDraft>();
    public DbSet<CompanyChange> CompanyChanges => Set<CompanyChange>();
    public DbSet<ProfileDailyCount> ProfileDailyCounts => Set<ProfileDailyCount>();
    public DbSet<Realisation> Realisations => Set<Realisation>();
    public DbSet<Survey.SurveyWave> SurveyWaves => Set<Survey.SurveyWave>();
    public DbSet<Survey.SurveyWaveMember> SurveyWaveMembers => Set<Survey.SurveyWaveMember>();
    public DbSet<Survey.SurveyResponse> SurveyResponses => Set<Survey.SurveyResponse>();
    public DbSet<Survey.SurveyInvitation> SurveyInvitations => Set<Survey.SurveyInvitation>();
    public DbSet<Survey.Results.SurveyCommentary> SurveyCommentaries => Set<Survey.Results.SurveyCommentary>();
    public DbSet<Buyers.ContactRequest> ContactRequests => Set<Buyers.ContactRequest>();
    public DbSet<Buyers.ContactRecipient> ContactRecipients => Set<Buyers.ContactRecipient>();
    public DbSet<Buyers.BlockedSender> BlockedSenders => Set<Buyers.BlockedSender>();
    public DbSet<Buyers.Need> Needs => Set<Buyers.Need>();
    public DbSet<Buyers.NeedAnswer> NeedAnswers => Set<Buyers.NeedAnswer>();
    public DbSet<Buyers.NeedMatch> NeedMatches => Set<Buyers.NeedMatch>();
    public DbSet<Buyers.NeedChange> NeedChanges => Set<Buyers.NeedChange>();
    public DbSet<Buyers.SavedSearch> SavedSearches => Set<Buyers.SavedSearch>();
    public DbSet<Statistics.StatisticsSnapshot> StatisticsSnapshots => Set<Statistics.StatisticsSnapshot>();
    public DbSet<Search.SynonymRuleRecord> SynonymRules => Set<Search.SynonymRuleRecord>();
    public DbSet<Search.SynonymRuleChange> SynonymRuleChanges => Set<Search.SynonymRuleChange>();
    public DbSet<Search.SearchedText> SearchedTexts => Set<Search.SearchedText>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<SizeBand> SizeBands => Set<SizeBand>();
    public DbSet<LegalForm> LegalForms => Set<LegalForm>();

    /// <summary>The keys that sign and encrypt cookies, antiforgery tokens and signed links, shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Logos, réalisations' images and open-data extracts when <c>Storage:Files</c> is <c>Database</c>.</summary>
    public DbSet<Files.StoredFile> StoredFiles => Set<Files.StoredFile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time zone: every DateTime is UTC, and comes back marked as such.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampCompanyChanges();
        return WritesTaskLog() ? InTaskLogOrder(() => base.SaveChanges(acceptAllChangesOnSuccess)) : base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampCompanyChanges();
        return WritesTaskLog()
            ? InTaskLogOrderAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken)
            : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private bool WritesTaskLog() => ChangeTracker.Entries<IndexingTask>().Any(e => e.State == EntityState.Added);

    /// <summary>
    /// Saves changes that add to the task log so that task ids become visible in the order they were given: the
    /// indexer reads after its cursor and would never see a smaller id committed late. SQLite has one writer at a
    /// time, so nothing to do; <see cref="PostgreSqlDbContext"/> takes <see cref="TaskLogOrder"/>'s lock.
    /// </summary>
    protected virtual int InTaskLogOrder(Func<int> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        return save();
    }

    /// <inheritdoc cref="InTaskLogOrder"/>
    protected virtual Task<int> InTaskLogOrderAsync(Func<Task<int>> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        return save();
    }

    /// <summary>
    /// Saves rows exactly as they are: no time or version stamps, no indexing task (<see cref="DatabaseCopy"/>, which
    /// copies the task log itself).
    /// </summary>
    internal bool Verbatim { get; set; }

    private void StampCompanyChanges()
    {
        if (Verbatim)
        {
            return;
        }
        ChangeTracker.DetectChanges();
        var companies = new Dictionary<Guid, EntityEntry<Company>>();
        foreach (var entry in ChangeTracker.Entries<Company>())
        {
            companies[entry.Entity.Id] = entry;
        }
        if (companies.Count == 0)
        {
            return;
        }

        // A change of secondary activities is a change of its company.
        foreach (var activity in ChangeTracker.Entries<CompanyActivity>())
        {
            if (activity.State is EntityState.Added or EntityState.Deleted or EntityState.Modified
                && companies.TryGetValue(activity.Entity.CompanyId, out var owner) && owner.State == EntityState.Unchanged)
            {
                owner.State = EntityState.Modified;
            }
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var entry in companies.Values)
        {
            var task = Stamp(entry, now);
            if (task is not null)
            {
                IndexingTasks.Add(task);
            }
        }
    }

    /// <summary>
    /// Stamps a company about to be inserted (times, first version) and returns its indexing task when it is
    /// published. Shared with <see cref="CompanyBulkWriter"/>, which inserts without change tracking.
    /// </summary>
    internal static IndexingTask? StampNew(Company company, DateTime now)
    {
        company.CreatedAt = company.CreatedAt == default ? now : company.CreatedAt;
        company.UpdatedAt = company.UpdatedAt == default ? now : company.UpdatedAt;
        company.Version = Math.Max(company.Version, 1);
        if (company.Status != PublicationStatus.Published)
        {
            return null;
        }
        company.PublishedAt ??= company.CreatedAt;
        return new IndexingTask { CompanyId = company.Id, Reason = IndexingTaskReason.Created, CompanyVersion = company.Version, CreatedAt = now };
    }

    private static IndexingTask? Stamp(EntityEntry<Company> entry, DateTime now)
    {
        var company = entry.Entity;
        IndexingTaskReason reason;
        switch (entry.State)
        {
            case EntityState.Added:
                return StampNew(company, now);
            case EntityState.Modified:
                var wasPublished = entry.Property(c => c.Status).OriginalValue == PublicationStatus.Published;
                var isPublished = company.Status == PublicationStatus.Published;
                company.UpdatedAt = now;
                company.Version = entry.Property(c => c.Version).OriginalValue + 1;
                if (isPublished)
                {
                    company.PublishedAt ??= now;
                }
                if (!wasPublished && !isPublished)
                {
                    return null;
                }
                reason = (wasPublished, isPublished) switch
                {
                    (false, true) => IndexingTaskReason.Published,
                    (true, false) => IndexingTaskReason.Unpublished,
                    _ => IndexingTaskReason.Updated,
                };
                break;
            case EntityState.Deleted:
                if (entry.Property(c => c.Status).OriginalValue != PublicationStatus.Published)
                {
                    return null;
                }
                reason = IndexingTaskReason.Deleted;
                break;
            default:
                return null;
        }
        return new IndexingTask { CompanyId = company.Id, Reason = reason, CompanyVersion = company.Version, CreatedAt = now };
    }
}
