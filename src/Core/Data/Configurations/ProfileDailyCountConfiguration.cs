using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class ProfileDailyCountConfiguration : IEntityTypeConfiguration<ProfileDailyCount>
{
    public void Configure(EntityTypeBuilder<ProfileDailyCount> builder)
    {
        builder.ToTable("ProfileDailyCounts");
        // One row per company and day: a view or a click adds to it, the dashboard reads a company's last days.
        builder.HasKey(c => new { c.CompanyId, c.Day });
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
