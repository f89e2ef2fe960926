using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class CompanyMemberConfiguration : IEntityTypeConfiguration<CompanyMember>
{
    public void Configure(EntityTypeBuilder<CompanyMember> builder)
    {
        builder.ToTable("CompanyMembers");
        builder.HasKey(m => new { m.CompanyId, m.UserId });
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Message).HasMaxLength(AccessRequest.MessageMaxLength);
        builder.Property(r => r.Reason).HasMaxLength(AccessRequest.ReasonMaxLength);
        builder.Property(r => r.Ridet)
            .HasConversion(r => r!.Value.ToString(), s => Ridet.Parse(s))
            .HasMaxLength(11);
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.Status, r.Kind, r.CreatedAt });
        builder.HasIndex(r => new { r.CompanyId, r.Status });
        builder.HasIndex(r => r.UserId);
    }
}

internal sealed class MemberInvitationConfiguration : IEntityTypeConfiguration<MemberInvitation>
{
    public void Configure(EntityTypeBuilder<MemberInvitation> builder)
    {
        builder.ToTable("MemberInvitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.CompanyId);
    }
}

internal sealed class RegistrationDraftConfiguration : IEntityTypeConfiguration<RegistrationDraft>
{
    public void Configure(EntityTypeBuilder<RegistrationDraft> builder)
    {
        builder.ToTable("RegistrationDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Step).HasMaxLength(30);
        builder.Property(d => d.Data).HasMaxLength(RegistrationDraft.DataMaxLength);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.UserId);
    }
}

internal sealed class CompanyChangeConfiguration : IEntityTypeConfiguration<CompanyChange>
{
    public void Configure(EntityTypeBuilder<CompanyChange> builder)
    {
        builder.ToTable("CompanyChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Actor).HasMaxLength(CompanyChange.ActorMaxLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Reason).HasMaxLength(CompanyChange.ReasonMaxLength);
        builder.Property(c => c.Details).HasMaxLength(CompanyChange.DetailsMaxLength);
        builder.Ignore(c => c.FieldChanges);
        builder.Ignore(c => c.Note);
        // The history outlives the account that made a change (the actor's email is kept as text).
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.CompanyId, c.At });
    }
}
