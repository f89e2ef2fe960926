using System.Text.Json;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary><c>/compte/donnees</c>: everything the directory holds about the account, as a JSON download.</summary>
[Authorize]
public sealed class MyDataModel(UserManager<DirectoryUser> users, AppDbContext db) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        // What buyers typed under this address without an account is theirs too (requests and needs store it folded).
        var email = Core.Buyers.BuyerGuard.Fold(user.Email ?? string.Empty);
        var data = new
        {
            id = user.Id,
            email = user.Email,
            emailConfirmed = user.EmailConfirmed,
            preferredLanguage = user.PreferredLanguage,
            createdAt = user.CreatedAt,
            roles = await users.GetRolesAsync(user),
            externalLogins = (await users.GetLoginsAsync(user)).Select(l => new { provider = l.LoginProvider, displayName = l.ProviderDisplayName, key = l.ProviderKey }),
            failedSignInAttempts = user.AccessFailedCount,
            lockedOutUntil = user.LockoutEnd,
            companies = await db.CompanyMembers.AsNoTracking().Where(m => m.UserId == user.Id)
                .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { id = c.Id, name = c.LegalName, role = m.Role.ToString(), since = m.Since })
                .ToListAsync(),
            requests = await db.AccessRequests.AsNoTracking().Where(r => r.UserId == user.Id)
                .Select(r => new { companyId = r.CompanyId, kind = r.Kind.ToString(), status = r.Status.ToString(), message = r.Message, createdAt = r.CreatedAt, decidedAt = r.DecidedAt, reason = r.Reason })
                .ToListAsync(),
            drafts = await db.RegistrationDrafts.AsNoTracking().Where(d => d.UserId == user.Id)
                .Select(d => new { step = d.Step, data = d.Data, createdAt = d.CreatedAt, updatedAt = d.UpdatedAt })
                .ToListAsync(),
            changesMade = await db.CompanyChanges.AsNoTracking().Where(c => c.UserId == user.Id)
                .Select(c => new { companyId = c.CompanyId, at = c.At, kind = c.Kind.ToString(), reason = c.Reason, details = c.Details, fields = c.Fields })
                .ToListAsync(),
            contactRequestsSent = await db.ContactRequests.AsNoTracking().Where(r => r.Buyer.Email == email)
                .Select(r => new
                {
                    id = r.Id, kind = r.Kind.ToString(), status = r.Status.ToString(), r.Buyer.Name, r.Buyer.Organisation, r.Buyer.Phone,
                    subject = r.Subject, message = r.Message, desiredDate = r.DesiredDate, budgetBand = r.BudgetBand, createdAt = r.CreatedAt,
                    companies = r.Recipients.Select(x => x.CompanyId),
                })
                .ToListAsync(),
            needsPosted = await db.Needs.AsNoTracking().Where(n => n.UserId == user.Id || n.Buyer.Email == email)
                .Select(n => new
                {
                    id = n.Id, slug = n.Slug, title = n.Title, description = n.Description, status = n.Status.ToString(), n.Buyer.Name,
                    n.Buyer.Organisation, n.Buyer.Phone, createdAt = n.CreatedAt, closedAt = n.ClosedAt, outcome = n.Outcome,
                })
                .ToListAsync(),
            needAnswersWritten = await db.NeedAnswers.AsNoTracking().Where(a => a.UserId == user.Id)
                .Select(a => new { needId = a.NeedId, companyId = a.CompanyId, message = a.Message, createdAt = a.CreatedAt })
                .ToListAsync(),
            savedSearches = await db.SavedSearches.AsNoTracking().Where(s => s.UserId == user.Id)
                .Select(s => new { name = s.Name, query = s.Query, frequency = s.Frequency.ToString(), alerts = s.Alerts, language = s.Language, createdAt = s.CreatedAt, lastMailedAt = s.LastMailedAt })
                .ToListAsync(),
        };
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", "mes-donnees-annuaire.json");
    }
}
