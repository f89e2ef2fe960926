using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Buyers;

/// <summary>Why a saved search was not saved or changed (each has its French message in the page).</summary>
public enum SavedSearchProblem
{
    None = 0,
    NameMissing = 1,
    NameTooLong = 2,
    QueryTooLong = 3,

    /// <summary>The query string holds parameters the search page does not understand (unknown codes, bad numbers).</summary>
    QueryNotUnderstood = 4,

    /// <summary>The search has no word and no filter: it would mail every company of the directory.</summary>
    QueryEmpty = 5,

    TooMany = 6,
    AlreadySaved = 7,
    NotFound = 8,
}

/// <summary>A saved search as its owner sees it in the account page.</summary>
public sealed record SavedSearchLine(Guid Id, string Name, string Query, AlertFrequency Frequency, bool Alerts, DateTime CreatedAt, DateTime? LastMailedAt);

/// <summary>A company in an alert: found by the search, and published or changed since the last mail.</summary>
public sealed record AlertCompany(Guid Id, string Slug, string Name);

/// <summary>What one alert mail says: the companies new to the directory, and those whose profile changed.</summary>
public sealed record AlertChanges(IReadOnlyList<AlertCompany> New, IReadOnlyList<AlertCompany> Updated)
{
    public bool IsEmpty => New.Count == 0 && Updated.Count == 0;
}

/// <summary>A saved search due now, with what changed in its window (<see cref="Since"/> to the pass's time).</summary>
public sealed record DueAlert(Guid Id, Guid UserId, string Name, string Query, AlertFrequency Frequency, string Language, DateTime Since, AlertChanges Changes);

/// <summary>
/// Saved searches (issue #19, point 3): an account saves the query string of <c>/recherche</c> (canonical, without
/// page), at most <see cref="SavedSearch.MaxPerAccount"/>, with a daily or weekly alert. Each pass of the alerts takes
/// the searches due (a day or a week since <see cref="SavedSearch.CheckedUntil"/>), runs each through
/// <see cref="ICompanySearch"/> as the page would, keeps the published companies created or changed in the window
/// (dates from the database), and moves the window on — whether or not anything matched: no mail when nothing is new,
/// and never the same change twice.
/// </summary>
public sealed class SavedSearches(AppDbContext db, ICompanySearch search, ISearchQueryReader reader, TimeProvider clock)
{
    /// <summary>Results read per page of the search (the contract's largest page).</summary>
    public const int AlertPageSize = SearchRequest.MaxPageSize;

    /// <summary>Pages of results read at most for one alert, newest changes first: bounds the work of a broad search.</summary>
    public const int MaxAlertPages = 10;

    public static TimeSpan Period(AlertFrequency frequency) => frequency == AlertFrequency.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);

    /// <summary>Reads a query string as the search page does: the problem when it cannot be saved, else its canonical form.</summary>
    public SavedSearchProblem Check(string? query, out string canonical)
    {
        canonical = string.Empty;
        var given = (query ?? string.Empty).Trim();
        if (given.Length > SavedSearch.QueryMaxLength)
        {
            return SavedSearchProblem.QueryTooLong;
        }
        var reading = reader.Read(given);
        if (reading.HasUnknownParts)
        {
            return SavedSearchProblem.QueryNotUnderstood;
        }
        if (IsEverything(reading.Request))
        {
            return SavedSearchProblem.QueryEmpty;
        }
        if (reading.Canonical.Length > SavedSearch.QueryMaxLength)
        {
            return SavedSearchProblem.QueryTooLong;
        }
        canonical = reading.Canonical;
        return SavedSearchProblem.None;
    }

    /// <summary>A search without words or filters (a sort alone) finds every company: not worth an alert.</summary>
    public static bool IsEverything(SearchRequest request) => string.IsNullOrWhiteSpace(request?.Text) && request?.HasFilters != true;

    private static SavedSearchProblem CheckName(string? name, out string trimmed)
    {
        trimmed = (name ?? string.Empty).Trim();
        return trimmed.Length == 0 ? SavedSearchProblem.NameMissing
            : trimmed.Length > SavedSearch.NameMaxLength ? SavedSearchProblem.NameTooLong
            : SavedSearchProblem.None;
    }

    /// <summary>Saves a search for an account; its window starts now (the first mail tells what changes after saving).</summary>
    public async Task<(SavedSearchProblem Problem, Guid? Id)> SaveAsync(Guid userId, string? name, string? query, AlertFrequency frequency, string language,
        CancellationToken cancellationToken)
    {
        if (CheckName(name, out var trimmed) is not SavedSearchProblem.None and var nameProblem)
        {
            return (nameProblem, null);
        }
        if (Check(query, out var canonical) is not SavedSearchProblem.None and var queryProblem)
        {
            return (queryProblem, null);
        }
        var saved = await db.SavedSearches.Where(s => s.UserId == userId).Select(s => s.Query).ToListAsync(cancellationToken);
        if (saved.Contains(canonical, StringComparer.Ordinal))
        {
            return (SavedSearchProblem.AlreadySaved, null);
        }
        if (saved.Count >= SavedSearch.MaxPerAccount)
        {
            return (SavedSearchProblem.TooMany, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new SavedSearch
        {
            UserId = userId,
            Name = trimmed,
            Query = canonical,
            Frequency = Enum.IsDefined(frequency) ? frequency : AlertFrequency.Weekly,
            Language = language == "en" ? "en" : "fr",
            CreatedAt = now,
            CheckedUntil = now,
        };
        db.SavedSearches.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return (SavedSearchProblem.None, entry.Id);
    }

    /// <summary>An account's saved searches, the newest first.</summary>
    public async Task<IReadOnlyList<SavedSearchLine>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        (await db.SavedSearches.AsNoTracking().Where(s => s.UserId == userId)
            .Select(s => new SavedSearchLine(s.Id, s.Name, s.Query, s.Frequency, s.Alerts, s.CreatedAt, s.LastMailedAt))
            .ToListAsync(cancellationToken))
        .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>
    /// Renames a saved search of the account and sets its frequency and alerts. Turning alerts back on starts the
    /// window now (what changed while they were off is not mailed in one heap).
    /// </summary>
    public async Task<SavedSearchProblem> ChangeAsync(Guid userId, Guid id, string? name, AlertFrequency frequency, bool alerts, CancellationToken cancellationToken)
    {
        if (CheckName(name, out var trimmed) is not SavedSearchProblem.None and var nameProblem)
        {
            return nameProblem;
        }
        var entry = await db.SavedSearches.SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId, cancellationToken);
        if (entry is null)
        {
            return SavedSearchProblem.NotFound;
        }
        entry.Name = trimmed;
        entry.Frequency = Enum.IsDefined(frequency) ? frequency : entry.Frequency;
        if (alerts && !entry.Alerts)
        {
            entry.CheckedUntil = clock.GetUtcNow().UtcDateTime;
        }
        entry.Alerts = alerts;
        await db.SaveChangesAsync(cancellationToken);
        return SavedSearchProblem.None;
    }

    /// <summary>Deletes a saved search of the account; false when the account has no such search.</summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.SavedSearches.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>A saved search of the account (the unsubscribe page), or null when gone.</summary>
    public async Task<SavedSearchLine?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.SavedSearches.AsNoTracking().Where(s => s.Id == id && s.UserId == userId)
            .Select(s => new SavedSearchLine(s.Id, s.Name, s.Query, s.Frequency, s.Alerts, s.CreatedAt, s.LastMailedAt))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Stops the alerts of a saved search (the mail's one-click link); false when it was already stopped, or is gone.</summary>
    public async Task<bool> UnsubscribeAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.SavedSearches.Where(s => s.Id == id && s.UserId == userId && s.Alerts)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Alerts, false), cancellationToken) > 0;

    /// <summary>
    /// The saved searches due now (at most <paramref name="max"/>, the longest waiting first), each with what changed
    /// in its window; each window is closed (<see cref="SavedSearch.CheckedUntil"/> set to now) before this returns, so
    /// that a change is never mailed twice, and a search with nothing new waits for its next period.
    /// </summary>
    public async Task<IReadOnlyList<DueAlert>> TakeDueAsync(int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dailyBefore = now - Period(AlertFrequency.Daily);
        var weeklyBefore = now - Period(AlertFrequency.Weekly);
        var due = await db.SavedSearches
            .Where(s => s.Alerts && ((s.Frequency == AlertFrequency.Daily && s.CheckedUntil <= dailyBefore)
                || (s.Frequency == AlertFrequency.Weekly && s.CheckedUntil <= weeklyBefore)))
            .OrderBy(s => s.CheckedUntil)
            .Take(max)
            .ToListAsync(cancellationToken);
        var alerts = new List<DueAlert>(due.Count);
        foreach (var saved in due)
        {
            var changes = await ChangesAsync(saved.Query, saved.CheckedUntil, now, cancellationToken);
            alerts.Add(new DueAlert(saved.Id, saved.UserId, saved.Name, saved.Query, saved.Frequency, saved.Language, saved.CheckedUntil, changes));
            saved.CheckedUntil = now;
            if (!changes.IsEmpty)
            {
                saved.LastMailedAt = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return alerts;
    }

    /// <summary>
    /// The published companies the search finds that were published (new) or changed (updated) after
    /// <paramref name="since"/> and at the latest <paramref name="until"/>: the search is run as the page runs it,
    /// most recently changed first, reading at most <see cref="MaxAlertPages"/> pages and stopping at the first page
    /// without a change in the window. Companies found only by part of the words (a widened search) are left out.
    /// </summary>
    public async Task<AlertChanges> ChangesAsync(string query, DateTime since, DateTime until, CancellationToken cancellationToken)
    {
        var reading = reader.Read(query);
        if (reading.HasUnknownParts || IsEverything(reading.Request))
        {
            return new AlertChanges([], []);
        }
        var request = reading.Request with { Sort = SearchSort.RecentlyUpdated, PageSize = AlertPageSize };
        var fresh = new List<AlertCompany>();
        var updated = new List<AlertCompany>();
        for (var page = 1; page <= MaxAlertPages; page++)
        {
            var result = await search.SearchAsync(request with { Page = page }, cancellationToken);
            var hits = result.Hits.Where(h => h.MissingWords.Count == 0).ToList();
            var ids = hits.Select(h => h.Id).ToList();
            var dates = await db.Companies.AsNoTracking()
                .Where(c => ids.Contains(c.Id) && c.Status == PublicationStatus.Published)
                .Select(c => new { c.Id, c.PublishedAt, c.UpdatedAt })
                .ToDictionaryAsync(c => c.Id, cancellationToken);
            // Changed after the window (during this pass) still means the older changes are further down.
            var recent = 0;
            foreach (var hit in hits)
            {
                if (!dates.TryGetValue(hit.Id, out var row))
                {
                    continue;
                }
                if (row.UpdatedAt > since || row.PublishedAt > since)
                {
                    recent++;
                }
                if (row.PublishedAt > since && row.PublishedAt <= until)
                {
                    fresh.Add(new AlertCompany(hit.Id, hit.Slug, hit.Name));
                }
                else if (row.UpdatedAt > since && row.UpdatedAt <= until)
                {
                    updated.Add(new AlertCompany(hit.Id, hit.Slug, hit.Name));
                }
            }
            if (recent == 0 || result.Hits.Count < request.PageSize)
            {
                break;
            }
        }
        return new AlertChanges(fresh, updated);
    }
}
