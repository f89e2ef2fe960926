using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal static class BuyerContactMapping
{
    /// <summary>The buyer's details as columns (the limits count and look them up by address).</summary>
    public static void MapBuyer<T>(this EntityTypeBuilder<T> builder, System.Linq.Expressions.Expression<Func<T, BuyerContact?>> buyer)
        where T : class =>
        builder.ComplexProperty(buyer, contact =>
        {
            contact.Property(c => c.Name).HasMaxLength(BuyerContact.NameMaxLength).HasColumnName("BuyerName");
            contact.Property(c => c.Organisation).HasMaxLength(BuyerContact.OrganisationMaxLength).HasColumnName("BuyerOrganisation");
            contact.Property(c => c.Email).HasMaxLength(BuyerContact.EmailMaxLength).HasColumnName("BuyerEmail");
            contact.Property(c => c.Phone).HasMaxLength(BuyerContact.PhoneMaxLength).HasColumnName("BuyerPhone");
        });
}

internal sealed class ContactRequestConfiguration : IEntityTypeConfiguration<ContactRequest>
{
    public void Configure(EntityTypeBuilder<ContactRequest> builder)
    {
        builder.ToTable("ContactRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Subject).HasMaxLength(ContactRequest.SubjectMaxLength);
        builder.Property(r => r.Message).HasMaxLength(ContactRequest.MessageMaxLength);
        builder.Property(r => r.BudgetBand).HasMaxLength(20);
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.MapBuyer(r => r.Buyer);
        // The limits count a sender's recent requests: the last hours' rows, then by address.
        builder.HasIndex(r => r.CreatedAt);
        builder.HasMany(r => r.Recipients).WithOne().HasForeignKey(r => r.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactRecipientConfiguration : IEntityTypeConfiguration<ContactRecipient>
{
    public void Configure(EntityTypeBuilder<ContactRecipient> builder)
    {
        builder.ToTable("ContactRecipients");
        builder.HasKey(r => new { r.RequestId, r.CompanyId });
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.SentTo).HasMaxLength(CompanyValidator.EmailMaxLength);
        builder.Property(r => r.Failure).HasMaxLength(ContactRecipient.FailureMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        // A company's "Demandes reçues", newest first.
        builder.HasIndex(r => new { r.CompanyId, r.SentAt });
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BlockedSenderConfiguration : IEntityTypeConfiguration<BlockedSender>
{
    public void Configure(EntityTypeBuilder<BlockedSender> builder)
    {
        builder.ToTable("BlockedSenders");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Pattern).HasMaxLength(BlockedSender.PatternMaxLength);
        builder.HasIndex(b => b.Pattern).IsUnique();
        builder.Property(b => b.Reason).HasMaxLength(BlockedSender.ReasonMaxLength);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(b => b.CreatedBy).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> builder)
    {
        builder.ToTable("Needs");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Slug).HasMaxLength(140);
        builder.HasIndex(n => n.Slug).IsUnique();
        builder.Property(n => n.Title).HasMaxLength(Need.TitleMaxLength);
        builder.Property(n => n.Description).HasMaxLength(Need.DescriptionMaxLength);
        builder.Property(n => n.BudgetBand).HasMaxLength(20);
        builder.Property(n => n.Language).HasMaxLength(5);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.BuyerKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.ContactPreference).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.RefusalReason).HasMaxLength(Need.ReasonMaxLength);
        builder.Property(n => n.Outcome).HasMaxLength(Need.OutcomeMaxLength);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.MapBuyer(n => n.Buyer);
        // The board lists the published needs by deadline; the moderators' queue the pending ones, oldest first.
        builder.HasIndex(n => new { n.Status, n.Deadline });
        builder.HasIndex(n => new { n.Status, n.CreatedAt });
        builder.HasOne<Commune>().WithMany().HasForeignKey(n => n.CommuneCode).OnDelete(DeleteBehavior.Restrict);
        // A deleted account leaves its needs to their confirmed address.
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NeedAnswerConfiguration : IEntityTypeConfiguration<NeedAnswer>
{
    public void Configure(EntityTypeBuilder<NeedAnswer> builder)
    {
        builder.ToTable("NeedAnswers");
        builder.HasKey(a => a.Id);
        // One answer per company and need.
        builder.HasIndex(a => new { a.NeedId, a.CompanyId }).IsUnique();
        builder.Property(a => a.Message).HasMaxLength(NeedAnswer.MessageMaxLength);
        builder.HasOne<Need>().WithMany().HasForeignKey(a => a.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NeedMatchConfiguration : IEntityTypeConfiguration<NeedMatch>
{
    public void Configure(EntityTypeBuilder<NeedMatch> builder)
    {
        builder.ToTable("NeedMatches");
        builder.HasKey(m => new { m.NeedId, m.CompanyId });
        // The digest reads each company's matches not yet mailed, and when its last digest went.
        builder.HasIndex(m => new { m.CompanyId, m.DigestedAt });
        builder.HasOne<Need>().WithMany().HasForeignKey(m => m.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NeedChangeConfiguration : IEntityTypeConfiguration<NeedChange>
{
    public void Configure(EntityTypeBuilder<NeedChange> builder)
    {
        builder.ToTable("NeedChanges");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.NeedId, c.At });
        builder.Property(c => c.Actor).HasMaxLength(NeedChange.ActorMaxLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Note).HasMaxLength(Need.ReasonMaxLength);
        builder.HasOne<Need>().WithMany().HasForeignKey(c => c.NeedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> builder)
    {
        builder.ToTable("SavedSearches");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(SavedSearch.NameMaxLength);
        builder.Property(s => s.Query).HasMaxLength(SavedSearch.QueryMaxLength);
        builder.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Language).HasMaxLength(5);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
