using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests.Companies;

/// <summary>
/// The company life cycle against a real SQLite file: each allowed transition writes one coded history entry and
/// tells whom it concerns; a forbidden one changes nothing; a decision is taken once.
/// </summary>
public sealed class CompanyLifecycleTests : IAsyncLifetime
{
    private static readonly Actor Moderator = new(Guid.CreateVersion7(), "moderatrice@annuaire-test.nc", IsModerator: true);

    private readonly Told _told = new();
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    public enum Operation
    {
        Approve,
        Refuse,
        Unpublish,
        Republish,
    }

    /// <summary>Each decision: the status it starts from, the one it leads to, its history kind and the mail key it raises.</summary>
    private static readonly Dictionary<Operation, (PublicationStatus From, PublicationStatus To, ChangeKind Kind)> Decisions = new()
    {
        [Operation.Approve] = (PublicationStatus.PendingReview, PublicationStatus.Published, ChangeKind.Approved),
        [Operation.Refuse] = (PublicationStatus.PendingReview, PublicationStatus.Rejected, ChangeKind.Rejected),
        [Operation.Unpublish] = (PublicationStatus.Published, PublicationStatus.Archived, ChangeKind.Unpublished),
        [Operation.Republish] = (PublicationStatus.Archived, PublicationStatus.Published, ChangeKind.Republished),
    };

    [Theory]
    [InlineData(Operation.Approve)]
    [InlineData(Operation.Refuse)]
    [InlineData(Operation.Unpublish)]
    [InlineData(Operation.Republish)]
    public async Task Every_allowed_decision_writes_one_coded_entry_and_tells_the_owners(Operation operation)
    {
        var (from, to, kind) = Decisions[operation];
        var company = await CompanyAsync(from);
        var owner = await UserAsync("proprietaire@cagouweb.nc");
        await MemberAsync(company, owner, MemberRole.Owner);
        await MemberAsync(company, await UserAsync("redacteur@cagouweb.nc"), MemberRole.Editor);

        var outcome = await DecideAsync(operation, company, "Motif saisi par la modération.");

        Assert.Equal(LifecycleOutcome.Done, outcome);
        await using var db = _database.Context();
        Assert.Equal(to, await db.Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync(Cancel));
        var entry = Assert.Single(await db.CompanyChanges.Where(c => c.CompanyId == company).ToListAsync(Cancel));
        Assert.Equal((kind, Moderator.UserId, Moderator.Name, (ChangeNote?)null), (entry.Kind, entry.UserId, entry.Actor, entry.Note));
        Assert.Equal(new FieldChange("status", from.ToString(), to.ToString()), Assert.Single(entry.FieldChanges));
        var withReason = operation is Operation.Refuse or Operation.Unpublish;
        Assert.Equal(withReason ? "Motif saisi par la modération." : null, entry.Reason);
        Assert.Equal([$"{kind} Cagou Web → proprietaire@cagouweb.nc" + (withReason ? " : Motif saisi par la modération." : "")], _told.Said);
    }

    public static TheoryData<Operation, PublicationStatus> ForbiddenDecisions()
    {
        var data = new TheoryData<Operation, PublicationStatus>();
        foreach (var (operation, decision) in Decisions)
        {
            foreach (var status in Enum.GetValues<PublicationStatus>().Where(s => s != decision.From))
            {
                data.Add(operation, status);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ForbiddenDecisions))]
    public async Task Every_forbidden_decision_changes_nothing(Operation operation, PublicationStatus status)
    {
        var company = await CompanyAsync(status);
        await MemberAsync(company, await UserAsync("proprietaire@cagouweb.nc"), MemberRole.Owner);
        var version = await VersionAsync(company);

        var outcome = await DecideAsync(operation, company, "Un motif.");

        // Left by the same decision taken by someone else (a published profile asked to be published), or never there.
        var decidedBySomeoneElse = (operation, status) switch
        {
            (Operation.Approve or Operation.Refuse, PublicationStatus.Published or PublicationStatus.Rejected) => true,
            (Operation.Unpublish, PublicationStatus.Archived) or (Operation.Republish, PublicationStatus.Published) => true,
            _ => false,
        };
        Assert.Equal(decidedBySomeoneElse ? LifecycleOutcome.AlreadyHandled : LifecycleOutcome.NotAllowed, outcome);
        await using var db = _database.Context();
        Assert.Equal((status, version), (await db.Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync(Cancel), await VersionAsync(company)));
        Assert.Empty(await db.CompanyChanges.Where(c => c.CompanyId == company).ToListAsync(Cancel));
        Assert.Empty(_told.Said);
    }

    [Theory]
    [InlineData(Operation.Refuse)]
    [InlineData(Operation.Unpublish)]
    public async Task Refusing_and_unpublishing_without_a_reason_change_nothing(Operation operation)
    {
        var company = await CompanyAsync(Decisions[operation].From);

        Assert.Equal(LifecycleOutcome.ReasonRequired, await DecideAsync(operation, company, "   "));

        await using var db = _database.Context();
        Assert.Equal(Decisions[operation].From, await db.Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync(Cancel));
        Assert.Empty(await db.CompanyChanges.ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_second_decision_on_the_same_profile_is_already_handled_even_when_both_read_it_first()
    {
        var company = await CompanyAsync(PublicationStatus.PendingReview);
        await using var first = _database.Context();
        await using var second = _database.Context();
        // Both moderators have the profile in hand, waiting for review.
        await second.Companies.SingleAsync(c => c.Id == company, Cancel);

        var approved = await _database.Lifecycle(first, _told).ApproveAsync(company, null, Moderator, Cancel);
        var refused = await _database.Lifecycle(second, _told).RefuseAsync(company, "Trop tard.", Moderator with { Name = "autre@annuaire-test.nc" }, Cancel);
        var again = await _database.Lifecycle(_database.Context(), _told).ApproveAsync(company, null, Moderator, Cancel);

        Assert.Equal((LifecycleOutcome.Done, LifecycleOutcome.AlreadyHandled, LifecycleOutcome.AlreadyHandled), (approved, refused, again));
        await using var db = _database.Context();
        Assert.Equal(PublicationStatus.Published, await db.Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync(Cancel));
        Assert.Equal([ChangeKind.Approved], await db.CompanyChanges.Select(c => c.Kind).ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_submitted_registration_waits_for_review_with_its_owner_and_a_draft_is_submitted_once()
    {
        var owner = await UserAsync("fondatrice@cagouweb.nc");
        await using var db = _database.Context();
        var draft = new RegistrationDraft { UserId = owner.Id, Step = "apercu", Data = "{}", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.RegistrationDrafts.Add(draft);
        await db.SaveChangesAsync(Cancel);
        var company = SampleCompanies.Valid(slug: string.Empty, status: PublicationStatus.Draft);
        var actor = new Actor(owner.Id, owner.Email!);

        // The same draft, as another tab read it before the first submission.
        await using var other = _database.Context();
        var sameDraft = await other.RegistrationDrafts.SingleAsync(Cancel);
        var outcome = await _database.Lifecycle(db).SubmitAsync(company, draft, actor, Cancel);
        var twice = await _database.Lifecycle(other).SubmitAsync(SampleCompanies.Valid(slug: string.Empty, status: PublicationStatus.Draft), sameDraft, actor, Cancel);

        Assert.Equal((LifecycleOutcome.Done, LifecycleOutcome.AlreadyHandled), (outcome, twice));
        await using var check = _database.Context();
        var saved = await check.Companies.SingleAsync(Cancel);
        Assert.Equal((PublicationStatus.PendingReview, "cagou-web"), (saved.Status, saved.Slug));
        Assert.Equal((owner.Id, MemberRole.Owner), (await check.CompanyMembers.Select(m => new { m.UserId, m.Role }).ToListAsync(Cancel)).Select(m => (m.UserId, m.Role)).Single());
        var entry = await check.CompanyChanges.SingleAsync(Cancel);
        Assert.Equal((ChangeKind.Submitted, "fondatrice@cagouweb.nc"), (entry.Kind, entry.Actor));
        Assert.Contains(entry.FieldChanges, f => f is { Field: "legalName", Before: null, After: "Cagou Web SARL" });
        Assert.Equal(saved.Id, await check.RegistrationDrafts.Select(d => d.CompanyId).SingleAsync(Cancel));
    }

    [Fact]
    public async Task A_refused_profile_edited_by_its_member_goes_back_to_review_and_a_stale_edit_changes_nothing()
    {
        var company = await CompanyAsync(PublicationStatus.Rejected);
        var editor = new Actor(Guid.CreateVersion7(), "redacteur@cagouweb.nc");
        await using var mine = _database.Context();
        await using var theirs = _database.Context();
        var read = await mine.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == company, Cancel);
        var late = await theirs.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == company, Cancel);
        var (before, version) = (CompanyFields.Of(read), read.Version);

        read.DescriptionFr = "Description corrigée.";
        var saved = await _database.Lifecycle(mine).SaveEditAsync(read, before, version, editor, Cancel);
        late.TradeName = "Nom d'un éditeur en retard";
        var stale = await _database.Lifecycle(theirs).SaveEditAsync(late, CompanyFields.Of(read), version, editor, Cancel);

        Assert.Equal((LifecycleOutcome.Resubmitted, LifecycleOutcome.Stale), (saved, stale));
        await using var db = _database.Context();
        var after = await db.Companies.SingleAsync(c => c.Id == company, Cancel);
        Assert.Equal((PublicationStatus.PendingReview, "Cagou Web"), (after.Status, after.TradeName));
        var entry = await db.CompanyChanges.SingleAsync(Cancel);
        Assert.Equal(ChangeKind.Submitted, entry.Kind);
        Assert.Equal(["descriptionFr", "status"], entry.FieldChanges.Select(f => f.Field));

        // A moderator's edit of a refused profile keeps it refused.
        var moderated = await CompanyAsync(PublicationStatus.Rejected, "moderee");
        var loaded = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == moderated, Cancel);
        var was = CompanyFields.Of(loaded);
        loaded.Acronym = "CW";
        Assert.Equal(LifecycleOutcome.Done, await _database.Lifecycle(db).SaveEditAsync(loaded, was, loaded.Version, Moderator, Cancel));
        Assert.Equal(ChangeKind.Edited, (await db.CompanyChanges.SingleAsync(c => c.CompanyId == moderated, Cancel)).Kind);
        Assert.Equal(PublicationStatus.Rejected, await db.Companies.Where(c => c.Id == moderated).Select(c => c.Status).SingleAsync(Cancel));
    }

    [Fact]
    public async Task Confirmations_are_dated_and_say_where_they_come_from_and_an_old_owner_link_confirms_nothing()
    {
        var company = await CompanyAsync(PublicationStatus.Published);
        var owner = await UserAsync("proprietaire@cagouweb.nc");
        var former = await UserAsync("ancienne@cagouweb.nc");
        await MemberAsync(company, owner, MemberRole.Owner);
        await MemberAsync(company, former, MemberRole.Editor);
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db);

        Assert.Equal(LifecycleOutcome.NotAllowed, await lifecycle.ConfirmFromMailAsync(company, former.Id, Cancel));
        Assert.Empty(await db.CompanyChanges.ToListAsync(Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.ConfirmAsync(company, new Actor(owner.Id, "proprietaire@cagouweb.nc"), Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.ConfirmFromMailAsync(company, owner.Id, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.MarkCheckedAsync(company, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.NotFound, await lifecycle.MarkCheckedAsync(Guid.NewGuid(), Moderator, Cancel));

        var entries = await db.CompanyChanges.OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(Cancel);
        Assert.All(entries, e => Assert.Equal((ChangeKind.Confirmed, "[]", (string?)null), (e.Kind, e.Fields, e.Reason)));
        Assert.Equal(
            [("proprietaire@cagouweb.nc", null), ("proprietaire@cagouweb.nc", ChangeNote.ConfirmedFromMail), (Moderator.Name, ChangeNote.CheckedByModeration)],
            entries.Select(e => (e.Actor, e.Note)));
        Assert.Equal(_database.Clock.GetUtcNow().UtcDateTime, await db.Companies.Where(c => c.Id == company).Select(c => c.LastConfirmedAt).SingleAsync(Cancel));
    }

    [Fact]
    public async Task Claims_and_join_requests_are_decided_once_with_a_coded_note_and_the_requester_is_told()
    {
        var company = await CompanyAsync(PublicationStatus.Published);
        var claimant = await UserAsync("gerante@cagouweb.nc");
        var joiner = await UserAsync("dev@cagouweb.nc");
        var (claim, join) = (await RequestAsync(company, claimant, AccessRequestKind.Claim), await RequestAsync(company, joiner, AccessRequestKind.Join));
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db, _told);

        Assert.Equal(LifecycleOutcome.ReasonRequired, await lifecycle.DecideRequestAsync(claim, false, " ", Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.DecideRequestAsync(claim, true, null, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await lifecycle.DecideRequestAsync(claim, false, "Trop tard.", Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.DecideRequestAsync(join, false, "Inconnue : pas de contrat.", Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.NotFound, await lifecycle.DecideRequestAsync(Guid.NewGuid(), true, null, Moderator, Cancel));

        Assert.Equal([(claimant.Id, MemberRole.Owner)], (await db.CompanyMembers.Select(m => new { m.UserId, m.Role }).ToListAsync(Cancel)).Select(m => (m.UserId, m.Role)).ToList());
        var entries = await db.CompanyChanges.OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(Cancel);
        Assert.Equal(
            [
                (ChangeKind.Claimed, ChangeNote.Request(AccessRequestKind.Claim, "gerante@cagouweb.nc"), null),
                (ChangeKind.Rejected, ChangeNote.Request(AccessRequestKind.Join, "dev@cagouweb.nc"), "Inconnue : pas de contrat."),
            ],
            entries.Select(e => (e.Kind, e.Note, e.Reason)));
        Assert.Equal(["Claim approved Cagou Web → gerante@cagouweb.nc", "Join refused Cagou Web → dev@cagouweb.nc : Inconnue : pas de contrat."], _told.Said);
    }

    [Fact]
    public async Task Invitations_roles_transfer_and_removal_write_coded_notes_and_the_last_owner_stays()
    {
        var company = await CompanyAsync(PublicationStatus.Published);
        var owner = await UserAsync("proprietaire@cagouweb.nc", language: "en");
        var invitee = await UserAsync("invitee@cagouweb.nc");
        await MemberAsync(company, owner, MemberRole.Owner);
        var me = new Actor(owner.Id, "proprietaire@cagouweb.nc");
        var them = new Actor(invitee.Id, "invitee@cagouweb.nc");
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db, _told);

        Assert.Equal(LifecycleOutcome.InvalidEmail, await lifecycle.InviteAsync(company, "pas un courriel", MemberRole.Editor, me, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.InviteAsync(company, " INVITEE@cagouweb.nc ", MemberRole.Editor, me, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyInvited, await lifecycle.InviteAsync(company, "invitee@cagouweb.nc", MemberRole.Owner, me, Cancel));
        var token = _told.Token!;
        Assert.Equal(LifecycleOutcome.NotFound, await lifecycle.AcceptInvitationAsync(token + "x", them, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.AcceptInvitationAsync(token, them, Cancel));
        Assert.Equal(LifecycleOutcome.NotFound, await lifecycle.AcceptInvitationAsync(token, them, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyMember, await lifecycle.InviteAsync(company, "invitee@cagouweb.nc", MemberRole.Owner, me, Cancel));
        Assert.Equal(LifecycleOutcome.LastOwner, await lifecycle.ChangeRoleAsync(company, owner.Id, MemberRole.Editor, me, Cancel));
        Assert.Equal(LifecycleOutcome.LastOwner, await lifecycle.LeaveAsync(company, me, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.ChangeRoleAsync(company, invitee.Id, MemberRole.Owner, me, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.ChangeRoleAsync(company, invitee.Id, MemberRole.Editor, me, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.TransferOwnershipAsync(company, invitee.Id, me, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.LeaveAsync(company, me, Cancel));
        Assert.Equal(LifecycleOutcome.NotFound, await lifecycle.RemoveMemberAsync(company, owner.Id, them, Cancel));

        Assert.Equal([(invitee.Id, MemberRole.Owner)], (await db.CompanyMembers.Select(m => new { m.UserId, m.Role }).ToListAsync(Cancel)).Select(m => (m.UserId, m.Role)).ToList());
        var entries = await db.CompanyChanges.OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(Cancel);
        Assert.Equal(
            [
                (ChangeKind.MemberAdded, "proprietaire@cagouweb.nc", ChangeNote.Invitation("INVITEE@cagouweb.nc", MemberRole.Editor)),
                (ChangeKind.MemberAdded, "invitee@cagouweb.nc", ChangeNote.InvitationAccepted("invitee@cagouweb.nc", MemberRole.Editor)),
                (ChangeKind.MemberRoleChanged, "proprietaire@cagouweb.nc", ChangeNote.RoleChanged("invitee@cagouweb.nc", MemberRole.Owner)),
                (ChangeKind.MemberRoleChanged, "proprietaire@cagouweb.nc", ChangeNote.RoleChanged("invitee@cagouweb.nc", MemberRole.Editor)),
                (ChangeKind.MemberRoleChanged, "proprietaire@cagouweb.nc", ChangeNote.OwnershipTransferred("invitee@cagouweb.nc")),
                (ChangeKind.MemberRemoved, "proprietaire@cagouweb.nc", ChangeNote.MemberRemoved("proprietaire@cagouweb.nc")),
            ],
            entries.Select(e => (e.Kind, e.Actor, e.Note!)));
        Assert.All(entries, e => Assert.Equal(("[]", (string?)null), (e.Fields, e.Reason)));
        // The invitee has an account: the mail is in its language, not the inviter's.
        Assert.Equal(["Invited Cagou Web → INVITEE@cagouweb.nc (fr) by proprietaire@cagouweb.nc"], _told.Said);
    }

    [Fact]
    public async Task An_invitation_is_accepted_only_by_the_confirmed_account_of_the_invited_address()
    {
        var company = await CompanyAsync(PublicationStatus.Published);
        var owner = await UserAsync("proprietaire@cagouweb.nc");
        await MemberAsync(company, owner, MemberRole.Owner);
        var stranger = await UserAsync("quelqu.un@ailleurs.nc");
        var unconfirmed = await UserAsync("Associee@CagouWeb.nc", confirmed: false);
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db, _told);
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.InviteAsync(company, "associee@cagouweb.nc", MemberRole.Owner, new Actor(owner.Id, owner.Email!), Cancel));
        var token = _told.Token!;

        Assert.Equal(LifecycleOutcome.WrongAccount, await lifecycle.AcceptInvitationAsync(token, new Actor(stranger.Id, stranger.Email!), Cancel));
        Assert.Equal(LifecycleOutcome.WrongAccount, await lifecycle.AcceptInvitationAsync(token, new Actor(unconfirmed.Id, unconfirmed.Email!), Cancel));
        Assert.Equal([(owner.Id, MemberRole.Owner)], (await db.CompanyMembers.Select(m => new { m.UserId, m.Role }).ToListAsync(Cancel)).Select(m => (m.UserId, m.Role)).ToList());
        Assert.Null(await db.MemberInvitations.Select(i => i.AcceptedAt).SingleAsync(Cancel));

        // Once the address is confirmed (its case as typed does not matter), the invitation is theirs.
        await db.Users.Where(u => u.Id == unconfirmed.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.EmailConfirmed, true), Cancel);
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.AcceptInvitationAsync(token, new Actor(unconfirmed.Id, unconfirmed.Email!), Cancel));
        Assert.Contains((unconfirmed.Id, MemberRole.Owner), (await db.CompanyMembers.Select(m => new { m.UserId, m.Role }).ToListAsync(Cancel)).Select(m => (m.UserId, m.Role)).ToList());
    }

    [Fact]
    public async Task A_ridet_another_company_holds_is_refused_at_submission_and_at_edit_and_nothing_changes()
    {
        var holder = await CompanyAsync(PublicationStatus.Published);
        var other = await CompanyAsync(PublicationStatus.Published, "autre-entreprise");
        var owner = await UserAsync("gerant@autre.nc");
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db, _told);
        var taken = Ridet.Parse("1234567.001");

        var draft = new RegistrationDraft { UserId = owner.Id, Step = "apercu", Data = "{}", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.RegistrationDrafts.Add(draft);
        await db.SaveChangesAsync(Cancel);
        var registered = SampleCompanies.Valid("copie-de-cagou", PublicationStatus.Draft);
        registered.Ridet = taken;
        Assert.Equal(LifecycleOutcome.RidetTaken, await lifecycle.SubmitAsync(registered, draft, new Actor(owner.Id, owner.Email!), Cancel));

        await using var editing = _database.Context();
        var company = await editing.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == other, Cancel);
        var before = CompanyFields.Of(company);
        company.Ridet = taken;
        company.Acronym = "AE";
        Assert.Equal(LifecycleOutcome.RidetTaken, await _database.Lifecycle(editing).SaveEditAsync(company, before, company.Version, Moderator, Cancel));

        await using var check = _database.Context();
        Assert.Equal([holder], await check.Companies.Where(c => c.Ridet == taken).Select(c => c.Id).ToListAsync(Cancel));
        Assert.Null(await check.Companies.Where(c => c.Id == other).Select(c => c.Acronym).SingleAsync(Cancel));
        Assert.Empty(await check.CompanyChanges.ToListAsync(Cancel));
        Assert.Null(await check.RegistrationDrafts.Where(d => d.Id == draft.Id).Select(d => d.CompanyId).SingleAsync(Cancel));
    }

    [Fact]
    public async Task A_members_ridet_change_on_a_published_profile_waits_for_the_moderators_who_decide_it_once()
    {
        var company = await CompanyAsync(PublicationStatus.Published);
        var member = await UserAsync("gerante@cagouweb.nc");
        await MemberAsync(company, member, MemberRole.Owner);
        var me = new Actor(member.Id, member.Email!);
        var wanted = Ridet.Parse("7654321.002");
        await using (var editing = _database.Context())
        {
            var loaded = await editing.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == company, Cancel);
            var before = CompanyFields.Of(loaded);
            loaded.Ridet = wanted;
            loaded.Acronym = "CW";
            Assert.Equal(LifecycleOutcome.RidetRequested, await _database.Lifecycle(editing).SaveEditAsync(loaded, before, loaded.Version, me, Cancel));
        }
        await using var db = _database.Context();
        var saved = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == company, Cancel);
        Assert.Equal((Ridet.Parse("1234567.001"), "CW"), (saved.Ridet!.Value, saved.Acronym));
        var request = await db.AccessRequests.AsNoTracking().SingleAsync(Cancel);
        Assert.Equal((AccessRequestKind.Ridet, RequestStatus.Pending, member.Id, wanted), (request.Kind, request.Status, request.UserId, request.Ridet!.Value));
        var edit = await db.CompanyChanges.AsNoTracking().SingleAsync(Cancel);
        Assert.Equal((ChangeKind.Edited, ChangeNote.RidetRequested(wanted)), (edit.Kind, edit.Note));
        Assert.Equal(["acronym"], edit.FieldChanges.Select(f => f.Field));

        var lifecycle = _database.Lifecycle(db, _told);
        Assert.Equal(LifecycleOutcome.ReasonRequired, await lifecycle.DecideRequestAsync(request.Id, false, null, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.DecideRequestAsync(request.Id, true, null, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await lifecycle.DecideRequestAsync(request.Id, true, null, Moderator, Cancel));

        Assert.Equal(wanted, (await db.Companies.AsNoTracking().SingleAsync(c => c.Id == company, Cancel)).Ridet);
        var decided = await db.CompanyChanges.AsNoTracking().Where(c => c.Id != edit.Id).SingleAsync(Cancel);
        Assert.Equal((ChangeKind.Edited, ChangeNote.Request(AccessRequestKind.Ridet, "gerante@cagouweb.nc")), (decided.Kind, decided.Note));
        Assert.Equal(new FieldChange("ridet", "1234567.001", "7654321.002"), Assert.Single(decided.FieldChanges));
        Assert.Equal(["Ridet approved Cagou Web → gerante@cagouweb.nc"], _told.Said);
        Assert.Empty(await db.CompanyMembers.Where(m => m.Role == MemberRole.Editor).ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_ridet_request_for_a_number_taken_meanwhile_is_not_approved()
    {
        var company = await CompanyAsync(PublicationStatus.Published);
        var member = await UserAsync("gerante@cagouweb.nc");
        await MemberAsync(company, member, MemberRole.Owner);
        var wanted = Ridet.Parse("7654321.002");
        await using (var editing = _database.Context())
        {
            var loaded = await editing.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.Id == company, Cancel);
            var before = CompanyFields.Of(loaded);
            loaded.Ridet = wanted;
            await _database.Lifecycle(editing).SaveEditAsync(loaded, before, loaded.Version, new Actor(member.Id, member.Email!), Cancel);
        }
        var other = SampleCompanies.Valid("plus-rapide", PublicationStatus.Published);
        other.Ridet = wanted;
        await using var db = _database.Context();
        db.Companies.Add(other);
        await db.SaveChangesAsync(Cancel);
        var request = await db.AccessRequests.AsNoTracking().SingleAsync(Cancel);

        Assert.Equal(LifecycleOutcome.RidetTaken, await _database.Lifecycle(db, _told).DecideRequestAsync(request.Id, true, null, Moderator, Cancel));

        await using var check = _database.Context();
        Assert.Equal(RequestStatus.Pending, await check.AccessRequests.Select(r => r.Status).SingleAsync(Cancel));
        Assert.Equal(Ridet.Parse("1234567.001"), await check.Companies.Where(c => c.Id == company).Select(c => c.Ridet).SingleAsync(Cancel));
        Assert.Empty(_told.Said);
    }

    [Fact]
    public async Task A_logo_change_is_an_edit_of_the_logo_field_and_the_same_file_again_changes_nothing()
    {
        var company = await CompanyAsync(PublicationStatus.Rejected);
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db);
        var editor = new Actor(Guid.CreateVersion7(), "redacteur@cagouweb.nc");

        Assert.Equal(LifecycleOutcome.Done, await lifecycle.ChangeLogoAsync(company, "logo-1.webp", editor, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await lifecycle.ChangeLogoAsync(company, "logo-1.webp", editor, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await lifecycle.ChangeLogoAsync(company, null, editor, Cancel));

        var entries = await db.CompanyChanges.OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(Cancel);
        Assert.Equal([new FieldChange("logo", null, "logo-1.webp"), new FieldChange("logo", "logo-1.webp", null)], entries.Select(e => Assert.Single(e.FieldChanges)));
        Assert.All(entries, e => Assert.Equal(ChangeKind.Edited, e.Kind));
        // A logo is not a correction sent back to review.
        Assert.Equal(PublicationStatus.Rejected, await db.Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync(Cancel));
    }

    [Fact]
    public void A_note_round_trips_as_json_with_its_code_and_values_only()
    {
        var note = ChangeNote.Invitation("élise@cagouweb.nc", MemberRole.Owner);

        Assert.Equal("""{"note":"invitation","email":"élise@cagouweb.nc","role":"Owner"}""", note.ToJson());
        Assert.Equal(note, ChangeNote.Parse(note.ToJson()));
        Assert.Equal("""{"note":"confirmed-from-mail"}""", ChangeNote.ConfirmedFromMail.ToJson());
        Assert.Null(ChangeNote.Parse("pas du JSON"));
        Assert.Null(ChangeNote.Parse("""{"email":"sans-code@exemple.nc"}"""));
        Assert.Null(ChangeNote.Parse(null));
    }

    private async Task<LifecycleOutcome> DecideAsync(Operation operation, Guid company, string? reason)
    {
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db, _told);
        return operation switch
        {
            Operation.Approve => await lifecycle.ApproveAsync(company, null, Moderator, Cancel),
            Operation.Refuse => await lifecycle.RefuseAsync(company, reason, Moderator, Cancel),
            Operation.Unpublish => await lifecycle.UnpublishAsync(company, reason, Moderator, Cancel),
            _ => await lifecycle.RepublishAsync(company, Moderator, Cancel),
        };
    }

    private async Task<Guid> CompanyAsync(PublicationStatus status, string slug = "cagou-web")
    {
        await using var db = _database.Context();
        var company = SampleCompanies.Valid(slug, status);
        db.Companies.Add(company);
        await db.SaveChangesAsync(Cancel);
        return company.Id;
    }

    private async Task<int> VersionAsync(Guid company)
    {
        await using var db = _database.Context();
        return await db.Companies.Where(c => c.Id == company).Select(c => c.Version).SingleAsync(Cancel);
    }

    private async Task<DirectoryUser> UserAsync(string email, string language = "fr", bool confirmed = true)
    {
        await using var db = _database.Context();
        var user = new DirectoryUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = confirmed,
            PreferredLanguage = language,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(Cancel);
        return user;
    }

    private async Task MemberAsync(Guid company, DirectoryUser user, MemberRole role)
    {
        await using var db = _database.Context();
        db.CompanyMembers.Add(new CompanyMember { CompanyId = company, UserId = user.Id, Role = role, Since = DateTime.UtcNow });
        await db.SaveChangesAsync(Cancel);
    }

    private async Task<Guid> RequestAsync(Guid company, DirectoryUser user, AccessRequestKind kind)
    {
        await using var db = _database.Context();
        var request = new AccessRequest { CompanyId = company, UserId = user.Id, Kind = kind, CreatedAt = DateTime.UtcNow };
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync(Cancel);
        return request.Id;
    }

    /// <summary>What the life cycle asked to tell, as one line each.</summary>
    private sealed class Told : ICompanyNotifications
    {
        public List<string> Said { get; } = [];

        public string? Token { get; private set; }

        public Task PublicationChangedAsync(Company company, ChangeKind change, string? reason, IReadOnlyList<DirectoryUser> owners, CancellationToken cancellationToken)
        {
            Said.Add($"{change} {company.DisplayName} → {string.Join(", ", owners.Select(o => o.Email))}{(reason is null ? "" : " : " + reason)}");
            return Task.CompletedTask;
        }

        public Task RequestDecidedAsync(Company company, AccessRequestKind kind, bool approved, string? reason, DirectoryUser requester, CancellationToken cancellationToken)
        {
            Said.Add($"{kind} {(approved ? "approved" : "refused")} {company.DisplayName} → {requester.Email}{(reason is null ? "" : " : " + reason)}");
            return Task.CompletedTask;
        }

        public Task InvitedAsync(Company company, string email, string language, string token, string invitedBy, CancellationToken cancellationToken)
        {
            Token = token;
            Said.Add($"Invited {company.DisplayName} → {email} ({language}) by {invitedBy}");
            return Task.CompletedTask;
        }
    }
}
