using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>
/// <c>/mon-espace/entreprises/{id}/demandes</c>: a company's "Demandes reçues", newest first with their status; with
/// <c>?demande=</c>, one request with the buyer's details (a member's opening marks it read and tells the buyer; a
/// moderator's does not) and its buttons: answered, archived, back to new. Two members filing it at once: the second
/// is told, nothing is overwritten.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class ReceivedModel(AppDbContext db, ContactRequests requests, IAuthorizationService authorization) : PageModel
{
    /// <summary>The statuses as the address and the buttons name them.</summary>
    public static readonly IReadOnlyDictionary<string, RecipientStatus> Statuses = new Dictionary<string, RecipientStatus>(StringComparer.Ordinal)
    {
        ["nouvelle"] = RecipientStatus.New,
        ["lue"] = RecipientStatus.Read,
        ["repondue"] = RecipientStatus.Answered,
        ["archivee"] = RecipientStatus.Archived,
    };

    public Guid CompanyId { get; private set; }

    public string CompanyName { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedRequest> List { get; private set; } = [];

    public ReceivedRequestDetail? Detail { get; private set; }

    [FromQuery(Name = "fait")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? demande, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (demande is { } requestId)
        {
            var member = User.DirectoryUserId() is { } userId && await db.CompanyMembers.AnyAsync(m => m.CompanyId == id && m.UserId == userId, cancellationToken);
            Detail = await requests.OpenAsync(id, requestId, member, cancellationToken);
            return Detail is null ? NotFound() : Page();
        }
        List = await requests.ReceivedAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostStatutAsync(Guid id, Guid demande, string? statut, int version, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (statut is null || !Statuses.TryGetValue(statut, out var status))
        {
            return BadRequest();
        }
        return await requests.SetStatusAsync(id, demande, status, version, cancellationToken) switch
        {
            StatusChange.Changed => RedirectToPage(new { id, fait = "statut" }),
            StatusChange.Conflict => RedirectToPage(new { id, demande, fait = "conflit" }),
            _ => NotFound(),
        };
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (!(await authorization.AuthorizeAsync(User, id, CompanyOperation.Edit)).Succeeded)
        {
            return Forbid();
        }
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == id).Select(c => c.TradeName ?? c.LegalName).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }
        CompanyId = id;
        CompanyName = name;
        return null;
    }
}
