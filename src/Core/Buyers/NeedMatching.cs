using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Buyers;

/// <summary>
/// Chooses the companies told of a published need: those the search finds with any of its activities, or any of its
/// services, near its commune (<see cref="SearchRequest.Near"/>: located within <see cref="Proximity.DefaultRadiusKm"/>
/// km, or whose service area covers it) or anywhere for a need of the whole territory; then, from the database, only
/// published profiles with a member (nobody would answer for the others) that did not turn the needs off. It goes
/// through the search contract, so both engines choose the same companies.
/// </summary>
public sealed class NeedMatching(AppDbContext db, ICompanySearch search, TimeProvider clock)
{
    /// <summary>The most companies one need may reach (the search's deepest page bounds it anyway).</summary>
    public const int MaxCompanies = SearchRequest.MaxResultWindow;

    /// <summary>The companies a need matches, by the rule above (nothing is written).</summary>
    public async Task<IReadOnlySet<Guid>> CompaniesAsync(Need need, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(need);
        var found = new HashSet<Guid>();
        if (need.ActivityCodes.Count > 0)
        {
            await CollectAsync(new SearchRequest { Activities = need.ActivityCodes, Near = need.CommuneCode }, found, cancellationToken);
        }
        if (need.ServiceCodes.Count > 0)
        {
            await CollectAsync(new SearchRequest { Services = need.ServiceCodes, Near = need.CommuneCode }, found, cancellationToken);
        }
        if (found.Count == 0)
        {
            return found;
        }
        var ids = found.ToList();
        var kept = new HashSet<Guid>();
        // In slices: SQLite bounds the parameters of one statement.
        foreach (var slice in ids.Chunk(500))
        {
            kept.UnionWith(await db.Companies
                .Where(c => slice.Contains(c.Id) && c.Status == PublicationStatus.Published && !c.NeedsOff && db.CompanyMembers.Any(m => m.CompanyId == c.Id))
                .Select(c => c.Id).ToListAsync(cancellationToken));
        }
        return kept;
    }

    /// <summary>Chooses and records the companies of a need just published (once: a need matched already is left as is).</summary>
    public async Task<int> MatchAsync(Need need, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(need);
        var tracked = await db.Needs.SingleAsync(n => n.Id == need.Id, cancellationToken);
        if (tracked.MatchedAt is not null)
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var companies = await CompaniesAsync(tracked, cancellationToken);
        foreach (var company in companies)
        {
            db.NeedMatches.Add(new NeedMatch { NeedId = tracked.Id, CompanyId = company, MatchedAt = now });
        }
        tracked.MatchedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return companies.Count;
    }

    private async Task CollectAsync(SearchRequest request, HashSet<Guid> found, CancellationToken cancellationToken)
    {
        for (var page = 1; page * SearchRequest.MaxPageSize <= MaxCompanies; page++)
        {
            var result = await search.SearchAsync(request with { Page = page, PageSize = SearchRequest.MaxPageSize, Sort = SearchSort.Name }, cancellationToken);
            found.UnionWith(result.Hits.Select(h => h.Id));
            if (result.Hits.Count < SearchRequest.MaxPageSize || page * SearchRequest.MaxPageSize >= result.Total)
            {
                return;
            }
        }
    }
}
