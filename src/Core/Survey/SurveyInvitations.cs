using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Survey;

public enum SurveyMailKind
{
    Invitation = 0,
    Reminder = 1,
}

/// <summary>
/// A census mail, recorded before it is sent (docs/adr/0029): one row per recipient of a company's invitation or of
/// one of its reminders. What is recorded is never sent again, even when the send failed (<see cref="Failure"/>).
/// </summary>
public sealed class SurveyInvitation
{
    public Guid Id { get; init; }
    public Guid WaveId { get; init; }
    public Guid CompanyId { get; init; }
    public SurveyMailKind Kind { get; init; }

    /// <summary>The reminder's day after opening (<see cref="SurveyWave.ReminderDays"/>); 0 for the invitation.</summary>
    public int ReminderDay { get; init; }

    /// <summary>An owner's account, or null for an unclaimed company's public contact address.</summary>
    public Guid? UserId { get; init; }

    public required string Address { get; init; }
    public DateTime SentAt { get; init; }

    /// <summary>Why the mail could not be sent, or null.</summary>
    public string? Failure { get; set; }

    public const int FailureMaxLength = 500;
}

/// <summary>A mail to send, already recorded: to an owner (<see cref="UserId"/>, their language), or to an unclaimed company's contact.</summary>
public sealed record SurveyMail(
    Guid Id, SurveyMailKind Kind, Guid WaveId, string WaveTitle, DateTime ClosesAt, Guid CompanyId, string CompanyName,
    Guid? UserId, string Address, string Language);

/// <summary>What a wave's mails reached: mails sent, mails that failed, and companies no mail can reach (no owner, no contact email).</summary>
public sealed record InvitationCounts(int Invitations, int Reminders, int Failed, int Unreachable);

/// <summary>
/// Who is mailed about a census wave, and when (docs/adr/0029). At opening, each company of the population gets an
/// invitation: its owners' accounts, or, for a company without an owner, its public contact email. On each of the
/// wave's reminder days, the invited companies that have not sent their answers get a reminder (only the latest day
/// reached: a site that was down does not send two at once). Nothing before opening or after closing. Each mail is
/// recorded as it is handed out, so no mail goes twice.
/// </summary>
public sealed class SurveyInvitations(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Records the mails due now, at most <paramref name="most"/> (a company's recipients all together, so one more
    /// company's may go over), and returns them to send.
    /// </summary>
    public async Task<IReadOnlyList<SurveyMail>> RecordDueAsync(int most, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var waves = await db.SurveyWaves.AsNoTracking().Where(w => w.OpensAt <= now && w.ClosesAt > now).OrderBy(w => w.OpensAt).ToListAsync(cancellationToken);
        var due = new List<SurveyMail>();
        foreach (var wave in waves)
        {
            if (due.Count >= most)
            {
                break;
            }
            var invited = db.SurveyInvitations.Where(i => i.WaveId == wave.Id && i.Kind == SurveyMailKind.Invitation);
            var members = db.SurveyWaveMembers.Where(m => m.WaveId == wave.Id);
            await RecordAsync(wave, SurveyMailKind.Invitation, 0, members.Where(m => !invited.Any(i => i.CompanyId == m.CompanyId)), most, due, now, cancellationToken);
            if (wave.ReminderDays.Where(d => wave.OpensAt.AddDays(d) <= now).DefaultIfEmpty().Max() is var day and > 0)
            {
                var dayStarts = wave.OpensAt.AddDays(day);
                var submitted = db.SurveyResponses.Where(r => r.WaveId == wave.Id && r.Status == SurveyResponseStatus.Submitted).Select(r => r.CompanyId);
                var reminded = db.SurveyInvitations.Where(i => i.WaveId == wave.Id && i.Kind == SurveyMailKind.Reminder && i.ReminderDay == day);
                // Invited before that day: an invitation sent late is not followed at once by a reminder.
                await RecordAsync(wave, SurveyMailKind.Reminder, day, members.Where(m => !submitted.Contains(m.CompanyId)
                    && invited.Any(i => i.CompanyId == m.CompanyId && i.SentAt < dayStarts)
                    && !reminded.Any(i => i.CompanyId == m.CompanyId)), most, due, now, cancellationToken);
            }
        }
        return due;
    }

    private async Task RecordAsync(SurveyWave wave, SurveyMailKind kind, int day, IQueryable<SurveyWaveMember> members, int most, List<SurveyMail> due,
        DateTime now, CancellationToken cancellationToken)
    {
        if (due.Count >= most)
        {
            return;
        }
        // Only companies a mail can reach: the others would take the batch's places at every pass.
        var companies = await members.Join(db.Companies, m => m.CompanyId, c => c.Id, (_, c) => c)
            .Where(c => db.CompanyMembers.Any(o => o.CompanyId == c.Id && o.Role == MemberRole.Owner) || (c.Email != null && c.Email != ""))
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, c.Email })
            .Take(most - due.Count)
            .ToListAsync(cancellationToken);
        var ids = companies.Select(c => c.Id).ToList();
        var owners = (await db.CompanyMembers.AsNoTracking().Where(o => ids.Contains(o.CompanyId) && o.Role == MemberRole.Owner)
            .Join(db.Users.Where(u => u.Email != null), o => o.UserId, u => u.Id, (o, u) => new { o.CompanyId, UserId = (Guid?)u.Id, Address = u.Email!, Language = u.PreferredLanguage })
            .ToListAsync(cancellationToken)).ToLookup(o => o.CompanyId);
        foreach (var company in companies)
        {
            var recipients = owners[company.Id].Select(o => (o.UserId, o.Address, o.Language)).ToList();
            if (recipients.Count == 0 && !string.IsNullOrWhiteSpace(company.Email))
            {
                recipients.Add((null, company.Email.Trim(), "fr"));
            }
            foreach (var (userId, address, language) in recipients)
            {
                var row = new SurveyInvitation
                {
                    Id = Guid.CreateVersion7(), WaveId = wave.Id, CompanyId = company.Id, Kind = kind, ReminderDay = day,
                    UserId = userId, Address = address, SentAt = now,
                };
                db.SurveyInvitations.Add(row);
                due.Add(new SurveyMail(row.Id, kind, wave.Id, wave.Title, wave.ClosesAt, company.Id, company.Name, userId, address, language));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Notes why a recorded mail could not be sent (it is not sent again).</summary>
    public Task FailedAsync(Guid mail, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var failure = reason.Length > SurveyInvitation.FailureMaxLength ? reason[..SurveyInvitation.FailureMaxLength] : reason;
        return db.SurveyInvitations.Where(i => i.Id == mail).ExecuteUpdateAsync(set => set.SetProperty(i => i.Failure, failure), cancellationToken);
    }

    /// <summary>What a wave's mails reached so far, and how many of its companies no mail can reach.</summary>
    public async Task<InvitationCounts> CountsAsync(Guid waveId, CancellationToken cancellationToken)
    {
        var sent = await db.SurveyInvitations.AsNoTracking().Where(i => i.WaveId == waveId)
            .GroupBy(i => new { i.Kind, Failed = i.Failure != null }).Select(g => new { g.Key.Kind, g.Key.Failed, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var unreachable = await db.SurveyWaveMembers.AsNoTracking().Where(m => m.WaveId == waveId)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (_, c) => c)
            .CountAsync(c => !db.CompanyMembers.Any(o => o.CompanyId == c.Id && o.Role == MemberRole.Owner) && (c.Email == null || c.Email == ""), cancellationToken);
        int Count(SurveyMailKind kind) => sent.Where(s => s.Kind == kind && !s.Failed).Sum(s => s.Count);
        return new(Count(SurveyMailKind.Invitation), Count(SurveyMailKind.Reminder), sent.Where(s => s.Failed).Sum(s => s.Count), unreachable);
    }
}
