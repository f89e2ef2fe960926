using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class SynonymRuleConfiguration : IEntityTypeConfiguration<SynonymRuleRecord>
{
    public void Configure(EntityTypeBuilder<SynonymRuleRecord> builder)
    {
        builder.ToTable("SynonymRules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Line).HasMaxLength(SynonymLines.MaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        // Accounts are named by id only: a deleted account leaves no email behind.
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(r => r.CreatedBy).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(r => r.UpdatedBy).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SynonymRuleChangeConfiguration : IEntityTypeConfiguration<SynonymRuleChange>
{
    public void Configure(EntityTypeBuilder<SynonymRuleChange> builder)
    {
        builder.ToTable("SynonymRuleChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Before).HasMaxLength(SynonymLines.MaxLength);
        builder.Property(c => c.After).HasMaxLength(SynonymLines.MaxLength);
        builder.Property(c => c.Reason).HasMaxLength(SynonymLines.ReasonMaxLength);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.RuleId);
    }
}
