using System.Globalization;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AnnuaireFiliere.Web.Features.Moderation;

/// <summary>
/// <c>/moderation/recherches</c>: what people searched for in a week (Monday to Sunday, New Caledonia's dates; the
/// current one by default): the most searched texts, those that found nothing and those that found little, each with
/// a link that runs it and one that starts a synonym rule with it. How the synonyms keep up with real searches.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class SearchesModel(QueryLog log) : PageModel
{
    /// <summary>Texts shown in each list.</summary>
    public const int Shown = 50;

    /// <summary>Any day of the week to show (<c>yyyy-MM-dd</c>); the current week when missing or unreadable.</summary>
    [FromQuery(Name = "semaine")]
    public string? Week { get; set; }

    public QueryWeek Report { get; private set; } = new(default, 0, 0, [], [], 0, [], 0);

    public DateOnly CurrentWeek { get; private set; }

    /// <summary>The weeks one can choose, newest first: from the current one back to the oldest kept.</summary>
    public IReadOnlyList<DateOnly> Weeks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CurrentWeek = QueryLog.WeekOf(log.Today);
        var oldest = QueryLog.WeekOf(log.OldestKept);
        var weeks = new List<DateOnly>();
        for (var monday = CurrentWeek; monday >= oldest; monday = monday.AddDays(-7))
        {
            weeks.Add(monday);
        }
        Weeks = weeks;
        var asked = DateOnly.TryParseExact(Week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? QueryLog.WeekOf(day) : CurrentWeek;
        Report = await log.WeekAsync(asked < oldest || asked > CurrentWeek ? CurrentWeek : asked, Shown, cancellationToken);
    }

    /// <summary>The <c>semaine</c> value of a week.</summary>
    public static string Value(DateOnly monday) => monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
