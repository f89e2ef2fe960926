using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

// Reference data tables mirror the versioned CSV files (TaxonomySynchronizer keeps them in line); they exist so
// that company rows have foreign keys and SQL statistics can join labels. Navigations are catalogue-only.

internal static class TaxonomyConfiguration
{
    public static void ConfigureEntry<T>(EntityTypeBuilder<T> builder, string table) where T : TaxonomyEntry
    {
        builder.ToTable(table);
        builder.HasKey(e => e.Code);
        builder.Property(e => e.Code).HasMaxLength(12);
        builder.Property(e => e.LabelFr).HasMaxLength(200);
        builder.Property(e => e.LabelEn).HasMaxLength(200);
        builder.Ignore(e => e.Label);
    }
}

internal sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        TaxonomyConfiguration.ConfigureEntry(builder, "Sectors");
        builder.Ignore(s => s.Activities);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        TaxonomyConfiguration.ConfigureEntry(builder, "Activities");
        builder.Ignore(a => a.Sector);
        builder.Property(a => a.Perimeter).HasMaxLength(10);
        builder.HasOne<Sector>().WithMany().HasForeignKey(a => a.SectorCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> builder)
    {
        TaxonomyConfiguration.ConfigureEntry(builder, "Provinces");
        builder.Ignore(p => p.Communes);
        builder.Property(p => p.SeatCommuneCode).HasMaxLength(5);
    }
}

internal sealed class CommuneConfiguration : IEntityTypeConfiguration<Commune>
{
    public void Configure(EntityTypeBuilder<Commune> builder)
    {
        TaxonomyConfiguration.ConfigureEntry(builder, "Communes");
        builder.Ignore(c => c.Province);
        builder.Ignore(c => c.Name);
        builder.HasOne<Province>().WithMany().HasForeignKey(c => c.ProvinceCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SizeBandConfiguration : IEntityTypeConfiguration<SizeBand>
{
    public void Configure(EntityTypeBuilder<SizeBand> builder)
    {
        TaxonomyConfiguration.ConfigureEntry(builder, "SizeBands");
        builder.Property(s => s.FacetBand).HasMaxLength(10);
    }
}

internal sealed class LegalFormConfiguration : IEntityTypeConfiguration<LegalForm>
{
    public void Configure(EntityTypeBuilder<LegalForm> builder)
    {
        TaxonomyConfiguration.ConfigureEntry(builder, "LegalForms");
        builder.Property(l => l.InseeCode).HasMaxLength(4);
        builder.Property(l => l.Family).HasMaxLength(60);
    }
}
