using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests.Companies;

/// <summary>
/// The migration to coded history notes (<c>CodedHistory</c>) on a database the previous version wrote: every
/// sentence the site used to write becomes a <see cref="ChangeNote"/>, what people typed stays a reason, and going
/// back writes the sentences again.
/// </summary>
public sealed class CodedHistoryMigrationTests
{
    private const string PreviousMigration = "20261128190557_SelfService";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Each note as the code before the migration wrote it (kind and text), and what it becomes.</summary>
    private static readonly (string Kind, string? Written, ChangeNote? Note, string? Reason)[] Rows =
    [
        ("Confirmed", "confirmée depuis le courriel annuel", ChangeNote.ConfirmedFromMail, null),
        ("Confirmed", "vérifiée par la modération", ChangeNote.CheckedByModeration, null),
        ("Imported", "Import du fichier extrait-reçu (2).csv.", ChangeNote.ImportedFile("extrait-reçu (2).csv"), null),
        ("MemberAdded", "invitation de invitee@exemple.nc (éditeur)", ChangeNote.Invitation("invitee@exemple.nc", MemberRole.Editor), null),
        ("MemberAdded", "invitation de Chef@Exemple.nc (propriétaire)", ChangeNote.Invitation("Chef@Exemple.nc", MemberRole.Owner), null),
        ("MemberAdded", "nouvelle@exemple.nc (éditeur), sur invitation", ChangeNote.InvitationAccepted("nouvelle@exemple.nc", MemberRole.Editor), null),
        ("MemberAdded", "patronne@exemple.nc (propriétaire), sur invitation", ChangeNote.InvitationAccepted("patronne@exemple.nc", MemberRole.Owner), null),
        ("MemberRoleChanged", "membre@exemple.nc : éditeur", ChangeNote.RoleChanged("membre@exemple.nc", MemberRole.Editor), null),
        ("MemberRoleChanged", "membre@exemple.nc : propriétaire", ChangeNote.RoleChanged("membre@exemple.nc", MemberRole.Owner), null),
        ("MemberRoleChanged", "propriété transférée à suivante@exemple.nc", ChangeNote.OwnershipTransferred("suivante@exemple.nc"), null),
        ("MemberRemoved", "parti@exemple.nc : retiré", ChangeNote.MemberRemoved("parti@exemple.nc"), null),
        ("Claimed", "revendication de gerante@exemple.nc", ChangeNote.Request(AccessRequestKind.Claim, "gerante@exemple.nc"), null),
        ("Claimed", "revendication de gerante@exemple.nc : Vérifiée au téléphone.", ChangeNote.Request(AccessRequestKind.Claim, "gerante@exemple.nc"), "Vérifiée au téléphone."),
        ("MemberAdded", "demande d'adhésion de dev@exemple.nc", ChangeNote.Request(AccessRequestKind.Join, "dev@exemple.nc"), null),
        ("Rejected", "revendication de curieux@ailleurs.nc : Aucun lien : pas de preuve.", ChangeNote.Request(AccessRequestKind.Claim, "curieux@ailleurs.nc"), "Aucun lien : pas de preuve."),
        ("Rejected", "demande d'adhésion de x@exemple.nc", ChangeNote.Request(AccessRequestKind.Join, "x@exemple.nc"), null),
        // What a moderator typed, and text that only looks like a note, stay as they were.
        ("Rejected", "La fiche ne concerne pas le numérique.", null, "La fiche ne concerne pas le numérique."),
        ("Unpublished", "Entreprise radiée du RIDET.", null, "Entreprise radiée du RIDET."),
        ("Approved", "Bienvenue dans l'annuaire !", null, "Bienvenue dans l'annuaire !"),
        ("Confirmed", "confirmée depuis le courriel annuel, et au téléphone", null, "confirmée depuis le courriel annuel, et au téléphone"),
        ("Edited", "invitation de invitee@exemple.nc (éditeur)", null, "invitation de invitee@exemple.nc (éditeur)"),
        ("Edited", null, null, null),
    ];

    [Fact]
    public async Task Every_sentence_the_site_wrote_becomes_a_code_what_people_typed_stays_and_down_writes_the_sentences_back()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.ContextAtOlderSchema();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(PreviousMigration, cancellationToken: Cancel);
        await new TaxonomySynchronizer(db, NullLogger<TaxonomySynchronizer>.Instance).SynchronizeAsync(TaxonomyCatalog.LoadEmbedded(), Cancel);
        db.Companies.Add(SampleCompanies.Valid());
        await db.SaveChangesAsync(Cancel);
        for (var i = 0; i < Rows.Length; i++)
        {
            var (id, actor, kind, written) = (Guid.NewGuid().ToString().ToUpperInvariant(), Actor(i), Rows[i].Kind, Rows[i].Written);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO CompanyChanges (Id, CompanyId, At, UserId, Actor, Kind, Reason, Fields) SELECT {id}, Id, '2026-01-01 00:00:00', NULL, {actor}, {kind}, {written}, '[]' FROM Companies",
                Cancel);
        }

        await db.Database.MigrateAsync(Cancel);

        var migrated = await db.CompanyChanges.AsNoTracking().OrderBy(c => c.Actor).ToListAsync(Cancel);
        Assert.Equal(Rows.Select(r => (r.Kind, r.Note, r.Reason)), migrated.Select(c => (c.Kind.ToString(), c.Note, c.Reason)));
        // Every code the life cycle wrote then (those of the RIDET, docs/adr/0020, and of réalisations, docs/adr/0026, came later) was written before, in some sentence.
        Assert.Equal(ChangeNote.Codes.Where(c => !c.StartsWith("ridet-", StringComparison.Ordinal) && !c.StartsWith("realisation-", StringComparison.Ordinal)).Order(StringComparer.Ordinal), migrated.Select(c => c.Note?.Code).OfType<string>().Distinct().Order(StringComparer.Ordinal));

        await migrator.MigrateAsync(PreviousMigration, cancellationToken: Cancel);

        var restored = await db.Database.SqlQuery<string?>($"SELECT Reason AS Value FROM CompanyChanges ORDER BY Actor").ToListAsync(Cancel);
        Assert.Equal(Rows.Select(r => r.Written), restored);
    }

    private static string Actor(int row) => $"ligne-{row:D2}";
}
