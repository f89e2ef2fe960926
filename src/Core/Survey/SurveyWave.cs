namespace AnnuaireFiliere.Core.Survey;

/// <summary>
/// A wave of the census: one questionnaire version asked of a population of companies between two dates. The
/// population is fixed when the wave is created (<see cref="SurveyWaveMember"/>), so its response rate keeps the same
/// denominator whatever companies do later.
/// </summary>
public sealed class SurveyWave
{
    public Guid Id { get; init; }
    public required string Title { get; set; }
    public required string QuestionnaireId { get; init; }
    public required int QuestionnaireVersion { get; init; }

    /// <summary>Answers are taken from this instant (UTC)…</summary>
    public DateTime OpensAt { get; set; }

    /// <summary>…until this one (UTC), excluded.</summary>
    public DateTime ClosesAt { get; set; }

    /// <summary>The population's filters, as the analyst chose them (none: every published company).</summary>
    public List<string> SectorCodes { get; set; } = [];
    public List<string> ProvinceCodes { get; set; } = [];

    /// <summary>Days after opening when non-respondents are reminded.</summary>
    public List<int> ReminderDays { get; set; } = [];

    public DateTime CreatedAt { get; init; }
    public Guid? CreatedBy { get; init; }

    public string QuestionnaireKey => $"{QuestionnaireId}@{QuestionnaireVersion}";

    public bool IsOpen(DateTime now) => now >= OpensAt && now < ClosesAt;
}

/// <summary>A company of a wave's population.</summary>
public sealed class SurveyWaveMember
{
    public Guid WaveId { get; init; }
    public Guid CompanyId { get; init; }
}

public enum SurveyResponseStatus
{
    Draft = 0,
    Submitted = 1,
}

/// <summary>
/// A company's answers to a wave: one per company and wave, saved as a draft, resumable, submitted, editable until the
/// wave closes. Confidential: only analysts read it one by one.
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; init; }
    public Guid WaveId { get; init; }
    public Guid CompanyId { get; init; }

    /// <summary>The answers kept (<see cref="SurveyRules.Kept"/>), as JSON: question id → answer.</summary>
    public string Answers { get; set; } = "{}";

    public SurveyResponseStatus Status { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Who saved last (an owner's account, or null for the public contact's signed link).</summary>
    public Guid? UpdatedBy { get; set; }

    /// <summary>Incremented on every save: two people answering for one company do not overwrite each other unknowingly.</summary>
    public int Version { get; set; }
}
