using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Survey.Results;

/// <summary>How saving a commentary went.</summary>
public enum CommentarySave
{
    /// <summary>Saved; it waits for a moderator.</summary>
    Saved,

    /// <summary>Emptied: the commentary (and its published text) is gone.</summary>
    Deleted,

    /// <summary>The same text again, or nothing to delete: nothing changed.</summary>
    Unchanged,

    TooLong,

    /// <summary>A link (or image) leads elsewhere than an absolute http(s) address.</summary>
    LinkNotAllowed,

    /// <summary>Someone saved it since it was read: nothing changed.</summary>
    Stale,

    /// <summary>No such wave, or the question is not one of its questionnaire.</summary>
    NotFound,
}

/// <summary>
/// The analysts' commentaries of a wave's indicators (docs/adr/0030): saved by an analyst (each save waits for
/// review), approved or refused by a moderator, the approved text read by the key figures page. Callers check who
/// may do it first.
/// </summary>
public sealed class SurveyCommentaries(AppDbContext db, SurveyWaves waves, TimeProvider clock)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A wave's commentaries, whatever their state, by question id (for the analysts' page).</summary>
    public async Task<IReadOnlyDictionary<string, SurveyCommentary>> OfWaveAsync(Guid waveId, CancellationToken cancellationToken) =>
        await db.SurveyCommentaries.AsNoTracking().Where(c => c.WaveId == waveId).ToDictionaryAsync(c => c.QuestionId, cancellationToken);

    /// <summary>The approved text of a wave's commentaries, by question id (for the public).</summary>
    public async Task<IReadOnlyDictionary<string, string>> PublishedAsync(Guid waveId, CancellationToken cancellationToken) =>
        await db.SurveyCommentaries.AsNoTracking()
            .Where(c => c.WaveId == waveId && c.PublishedMarkdown != null)
            .ToDictionaryAsync(c => c.QuestionId, c => c.PublishedMarkdown!, cancellationToken);

    /// <summary>What is wrong with a commentary's text, if anything (<c>null</c>: fine).</summary>
    public static CommentarySave? Check(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length > SurveyCommentary.MarkdownMaxLength)
        {
            return CommentarySave.TooLong;
        }
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var inline in document.Descendants<Inline>())
        {
            var url = inline switch
            {
                LinkInline link => link.Url ?? string.Empty,
                AutolinkInline autolink => autolink.IsEmail ? "mailto:" : autolink.Url,
                _ => null,
            };
            if (url is not null && !IsWebAddress(url))
            {
                return CommentarySave.LinkNotAllowed;
            }
        }
        return null;
    }

    /// <summary>
    /// An analyst saves the commentary of <paramref name="questionId"/> read at <paramref name="readVersion"/> (0: there
    /// was none); an empty text deletes it. Each change waits for a moderator; the text approved before stays public.
    /// </summary>
    public async Task<CommentarySave> SaveAsync(Guid waveId, string questionId, string? markdown, int readVersion, Actor author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(author);
        var text = (markdown ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > 0 && Check(text) is { } problem)
        {
            return problem;
        }
        if (await db.SurveyWaves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, cancellationToken) is not { } wave
            || waves.QuestionnaireOf(wave).Find(questionId) is null)
        {
            return CommentarySave.NotFound;
        }
        var commentary = await db.SurveyCommentaries.SingleOrDefaultAsync(c => c.WaveId == waveId && c.QuestionId == questionId, cancellationToken);
        if ((commentary?.Version ?? 0) != readVersion)
        {
            return CommentarySave.Stale;
        }
        if (text.Length == 0)
        {
            if (commentary is null)
            {
                return CommentarySave.Unchanged;
            }
            db.SurveyCommentaries.Remove(commentary);
            return await TrySaveAsync(cancellationToken) ? CommentarySave.Deleted : CommentarySave.Stale;
        }
        if (commentary is null)
        {
            commentary = new SurveyCommentary { WaveId = waveId, QuestionId = questionId };
            db.SurveyCommentaries.Add(commentary);
        }
        else if (commentary.Markdown == text && commentary.Status != CommentaryStatus.Refused)
        {
            return CommentarySave.Unchanged;
        }
        commentary.Markdown = text;
        commentary.Status = CommentaryStatus.Pending;
        commentary.RefusalReason = null;
        commentary.AuthorId = author.UserId;
        commentary.UpdatedAt = Now;
        commentary.Version = readVersion + 1;
        return await TrySaveAsync(cancellationToken) ? CommentarySave.Saved : CommentarySave.Stale;
    }

    /// <summary>
    /// A moderator approves a commentary waiting for review (its text becomes the public one), or refuses it with a
    /// reason the analysts see (the text approved before stays public). <paramref name="readVersion"/>, when given, is
    /// the version the moderator read: a commentary edited since is <see cref="LifecycleOutcome.AlreadyHandled"/>.
    /// </summary>
    public async Task<LifecycleOutcome> DecideAsync(Guid id, bool approve, string? reason, int? readVersion, Actor moderator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!approve && reason is null)
        {
            return LifecycleOutcome.ReasonRequired;
        }
        var commentary = await db.SurveyCommentaries.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (commentary is null)
        {
            return LifecycleOutcome.NotFound;
        }
        if (commentary.Status != CommentaryStatus.Pending || (readVersion is { } read && read != commentary.Version))
        {
            return LifecycleOutcome.AlreadyHandled;
        }
        commentary.Status = approve ? CommentaryStatus.Published : CommentaryStatus.Refused;
        if (approve)
        {
            commentary.PublishedMarkdown = commentary.Markdown;
        }
        commentary.RefusalReason = approve ? null : reason![..Math.Min(reason!.Length, CompanyLifecycle.ReasonMaxLength)];
        commentary.ReviewedBy = moderator.UserId;
        commentary.ReviewedAt = Now;
        commentary.Version++;
        return await TrySaveAsync(cancellationToken) ? LifecycleOutcome.Done : LifecycleOutcome.AlreadyHandled;
    }

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Saves; a concurrent change (the version, or the same question's commentary added twice) saves nothing.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
