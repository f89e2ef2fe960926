using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class RealisationConfiguration : IEntityTypeConfiguration<Realisation>
{
    public void Configure(EntityTypeBuilder<Realisation> builder)
    {
        builder.ToTable("Realisations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(Realisation.TitleMaxLength);
        builder.Property(r => r.ClientType).HasMaxLength(20);
        builder.Property(r => r.Text).HasMaxLength(Realisation.TextMaxLength);
        builder.Property(r => r.ImageFile).HasMaxLength(100);
        builder.Property(r => r.ImageAlt).HasMaxLength(Realisation.ImageAltMaxLength);
        builder.Property(r => r.Link).HasMaxLength(CompanyValidator.UrlMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RefusalReason).HasMaxLength(CompanyChange.ReasonMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        // A profile reads its company's réalisations in order; the moderators' queue reads those waiting, oldest first.
        builder.HasIndex(r => new { r.CompanyId, r.Position });
        builder.HasIndex(r => new { r.Status, r.UpdatedAt });
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
