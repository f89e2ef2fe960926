using AnnuaireFiliere.Core.Survey.Results;

namespace AnnuaireFiliere.Web.Features.KeyFigures;

/// <summary>
/// What the <c>_QuestionResult</c> partial shows: a question's results, under the heading <see cref="Anchor"/>, with
/// the analysts' approved <see cref="Commentary"/> (Markdown) when there is one.
/// </summary>
public sealed record QuestionView(WaveResults Wave, QuestionResult Result, WaveResults? Previous, SurveyPublication Publication, string Anchor,
    string? Commentary = null)
{
    public bool Analyst => Wave.Audience == Core.Statistics.StatisticsAudience.Analyst;
}
