using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class SearchedTextConfiguration : IEntityTypeConfiguration<SearchedText>
{
    public void Configure(EntityTypeBuilder<SearchedText> builder)
    {
        builder.ToTable("SearchedTexts");
        // One row per day and text: the week's page reads a range of days, the retention deletes the oldest.
        builder.HasKey(s => new { s.Day, s.Text });
        builder.Property(s => s.Text).HasMaxLength(QueryLog.TextMaxLength);
    }
}
