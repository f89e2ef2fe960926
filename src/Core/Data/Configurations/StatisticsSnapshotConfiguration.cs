using AnnuaireFiliere.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class StatisticsSnapshotConfiguration : IEntityTypeConfiguration<StatisticsSnapshot>
{
    public void Configure(EntityTypeBuilder<StatisticsSnapshot> builder)
    {
        builder.ToTable("StatisticsSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TakenBy).HasMaxLength(254);
        builder.Property(s => s.Label).HasMaxLength(StatisticsSnapshot.LabelMaxLength);
        builder.HasIndex(s => s.TakenAt);
    }
}
