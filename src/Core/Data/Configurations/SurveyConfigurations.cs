using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Survey;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnnuaireFiliere.Core.Data.Configurations;

internal sealed class SurveyWaveConfiguration : IEntityTypeConfiguration<SurveyWave>
{
    public void Configure(EntityTypeBuilder<SurveyWave> builder)
    {
        builder.ToTable("SurveyWaves");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Title).HasMaxLength(SurveyWaves.TitleMaxLength);
        builder.Property(w => w.QuestionnaireId).HasMaxLength(60);
        builder.Ignore(w => w.QuestionnaireKey);
    }
}

internal sealed class SurveyWaveMemberConfiguration : IEntityTypeConfiguration<SurveyWaveMember>
{
    public void Configure(EntityTypeBuilder<SurveyWaveMember> builder)
    {
        builder.ToTable("SurveyWaveMembers");
        builder.HasKey(m => new { m.WaveId, m.CompanyId });
        builder.HasOne<SurveyWave>().WithMany().HasForeignKey(m => m.WaveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("SurveyResponses");
        builder.HasKey(r => r.Id);
        // One response per company and wave.
        builder.HasIndex(r => new { r.WaveId, r.CompanyId }).IsUnique();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<SurveyWave>().WithMany().HasForeignKey(r => r.WaveId).OnDelete(DeleteBehavior.Cascade);
        // A company removed keeps its answers in the wave's aggregates only when results were computed; the row goes.
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.ToTable("SurveyInvitations");
        builder.HasKey(i => i.Id);
        // One mail per recipient of a company's invitation or reminder day: recorded once, never sent twice.
        builder.HasIndex(i => new { i.WaveId, i.CompanyId, i.Kind, i.ReminderDay, i.Address }).IsUnique();
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Address).HasMaxLength(256);
        builder.Property(i => i.Failure).HasMaxLength(SurveyInvitation.FailureMaxLength);
        builder.HasOne<SurveyWave>().WithMany().HasForeignKey(i => i.WaveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        // A deleted account takes its address with it.
        builder.HasOne<Accounts.DirectoryUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyCommentaryConfiguration : IEntityTypeConfiguration<Survey.Results.SurveyCommentary>
{
    public void Configure(EntityTypeBuilder<Survey.Results.SurveyCommentary> builder)
    {
        builder.ToTable("SurveyCommentaries");
        builder.HasKey(c => c.Id);
        // One commentary per indicator of a wave.
        builder.HasIndex(c => new { c.WaveId, c.QuestionId }).IsUnique();
        // The moderators' queue reads those waiting, oldest first.
        builder.HasIndex(c => new { c.Status, c.UpdatedAt });
        builder.Property(c => c.QuestionId).HasMaxLength(60);
        builder.Property(c => c.Markdown).HasMaxLength(Survey.Results.SurveyCommentary.MarkdownMaxLength);
        builder.Property(c => c.PublishedMarkdown).HasMaxLength(Survey.Results.SurveyCommentary.MarkdownMaxLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.RefusalReason).HasMaxLength(CompanyChange.ReasonMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<SurveyWave>().WithMany().HasForeignKey(c => c.WaveId).OnDelete(DeleteBehavior.Cascade);
    }
}
