using AnnuaireFiliere.Core.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class IndexingTaskConfiguration : IEntityTypeConfiguration<IndexingTask>
{
    public void Configure(EntityTypeBuilder<IndexingTask> builder)
    {
        builder.ToTable("IndexingTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedOnAdd();
        builder.Property(t => t.Reason).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(t => t.CompanyId);
    }
}
