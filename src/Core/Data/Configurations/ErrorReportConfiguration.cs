using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class ErrorReportConfiguration : IEntityTypeConfiguration<ErrorReport>
{
    public void Configure(EntityTypeBuilder<ErrorReport> builder)
    {
        builder.ToTable("ErrorReports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Message).HasMaxLength(ErrorReport.MessageMaxLength);
        builder.Property(r => r.ReporterEmail).HasMaxLength(ErrorReport.EmailMaxLength);
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}
