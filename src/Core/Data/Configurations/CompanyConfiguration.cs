using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("Companies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Slug).HasMaxLength(120);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.LegalName).HasMaxLength(CompanyValidator.NameMaxLength);
        builder.Property(c => c.TradeName).HasMaxLength(CompanyValidator.NameMaxLength);
        builder.Property(c => c.Acronym).HasMaxLength(CompanyValidator.AcronymMaxLength);
        builder.Property(c => c.Ridet)
            .HasConversion(r => r!.Value.ToString(), s => Ridet.Parse(s))
            .HasMaxLength(11);
        // A RIDET (company number + establishment) belongs to one company (docs/adr/0020); several may have none.
        builder.HasIndex(c => c.Ridet).IsUnique();
        builder.Property(c => c.StreetAddress).HasMaxLength(CompanyValidator.AddressMaxLength);
        builder.Property(c => c.PostalCode).HasMaxLength(5);
        builder.Property(c => c.Website).HasMaxLength(CompanyValidator.UrlMaxLength);
        builder.Property(c => c.LogoFile).HasMaxLength(100);
        builder.Property(c => c.Email).HasMaxLength(CompanyValidator.EmailMaxLength);
        builder.Property(c => c.DescriptionFr).HasMaxLength(CompanyValidator.DescriptionMaxLength);
        builder.Property(c => c.DescriptionEn).HasMaxLength(CompanyValidator.DescriptionMaxLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.Status, c.PrimaryActivityCode });
        builder.HasIndex(c => new { c.Status, c.CommuneCode });
        builder.Property(c => c.Version).IsConcurrencyToken();
        // Covers the statistics' change stamp (count, sum of versions, last update) without reading the rows.
        builder.HasIndex(c => new { c.UpdatedAt, c.Version });

        builder.HasOne<Activity>().WithMany().HasForeignKey(c => c.PrimaryActivityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Commune>().WithMany().HasForeignKey(c => c.CommuneCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SizeBand>().WithMany().HasForeignKey(c => c.SizeBandCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LegalForm>().WithMany().HasForeignKey(c => c.LegalFormCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.SecondaryActivities).WithOne().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);

        builder.ComplexProperty(c => c.ServiceArea, area => area.ToJson());
        // E-commerce flags are columns, not JSON: statistics count and cross-tabulate them in SQL.
        builder.ComplexProperty(c => c.ECommerce);
        builder.ComplexProperty(c => c.Contact, contact => contact.ToJson());

        builder.Ignore(c => c.DisplayName);
        builder.Ignore(c => c.AllActivityCodes);
    }
}

internal sealed class CompanyActivityConfiguration : IEntityTypeConfiguration<CompanyActivity>
{
    public void Configure(EntityTypeBuilder<CompanyActivity> builder)
    {
        builder.ToTable("CompanyActivities");
        builder.HasKey(a => new { a.CompanyId, a.ActivityCode });
        builder.HasOne<Activity>().WithMany().HasForeignKey(a => a.ActivityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ActivityCode);
    }
}
