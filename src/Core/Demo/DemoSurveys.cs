using System.Buffers.Binary;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Demo;

/// <summary>
/// Two closed census waves for the demo, so that the observatory's pages show something on first start: the yearly
/// survey opened about 20 and 8 months before the reference time, six weeks each, asking the companies published when
/// it opened. About 60 to 66 % of each population answered (the rate is drawn from the seed, and held exactly by
/// carrying the difference from one company to the next), bigger companies more often; a few others left a draft.
/// Answers come from <see cref="SyntheticAnswers"/>, consistent with each company's profile. Deterministic for a seed,
/// a reference time and the companies' order; fed batch by batch, so memory does not grow with the count.
/// </summary>
internal sealed class DemoSurveys
{
    public const string QuestionnaireId = "enquete-annuelle";
    private const int Weeks = 6;
    private static readonly int[] MonthsBefore = [20, 8];
    private static readonly int[] Reminders = [14, 28];

    /// <summary>Share of the non-respondents who saved a draft and never sent it.</summary>
    private const double DraftShare = 0.08;

    private readonly Questionnaire _questionnaire;
    private readonly SyntheticAnswers _answers;
    private readonly TaxonomyCatalog _taxonomy;
    private readonly int _seed;
    private readonly WaveState[] _states;

    public DemoSurveys(Questionnaire questionnaire, TaxonomyCatalog taxonomy, DateTime reference, int seed)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(taxonomy);
        (_questionnaire, _taxonomy, _seed) = (questionnaire, taxonomy, seed);
        _answers = new SyntheticAnswers(questionnaire, taxonomy);
        _states = [.. MonthsBefore.Select((months, index) =>
        {
            // 8 a.m. in Nouméa (UTC+11) on the opening day.
            var day = reference.Date.AddMonths(-months);
            var opens = DateTime.SpecifyKind(day.AddHours(-3), DateTimeKind.Utc);
            // The census of a year is taken the year after (it asks about the year's turnover and hires).
            var year = day.Year - 1;
            var random = new SyntheticAnswers.Draws(SyntheticAnswers.Seed(Guid.Empty, year, seed));
            var wave = new SurveyWave
            {
                Id = Id(opens.AddDays(-10), random),
                Title = $"Enquête annuelle {year}",
                QuestionnaireId = questionnaire.Id,
                QuestionnaireVersion = questionnaire.Version,
                OpensAt = opens,
                ClosesAt = opens.AddDays(7 * Weeks),
                ReminderDays = [.. Reminders],
                CreatedAt = opens.AddDays(-10),
            };
            return new WaveState(wave, year, 0.60 + 0.06 * random.NextDouble());
        })];
    }

    /// <summary>The waves, oldest first (insert them before their members).</summary>
    public IReadOnlyList<SurveyWave> Waves => [.. _states.Select(s => s.Wave)];

    /// <summary>The response rate each wave aims at (about 60 to 66 %).</summary>
    public IReadOnlyList<double> TargetRates => [.. _states.Select(s => s.Rate)];

    /// <summary>The members and responses of a batch of new companies, to insert after them.</summary>
    public (List<SurveyWaveMember> Members, List<SurveyResponse> Responses) For(IReadOnlyCollection<Company> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var members = new List<SurveyWaveMember>(batch.Count * _states.Length);
        var responses = new List<SurveyResponse>(batch.Count * _states.Length * 2 / 3);
        foreach (var company in batch)
        {
            if (company.Status != PublicationStatus.Published)
            {
                continue;
            }
            SyntheticProfile? profile = null;
            foreach (var state in _states)
            {
                if ((company.PublishedAt ?? company.CreatedAt) > state.Wave.OpensAt)
                {
                    continue;
                }
                members.Add(new SurveyWaveMember { WaveId = state.Wave.Id, CompanyId = company.Id });
                profile ??= SyntheticProfile.Of(company, _taxonomy);
                if (Response(state, company, profile) is { } response)
                {
                    responses.Add(response);
                }
            }
        }
        return (members, responses);
    }

    private SurveyResponse? Response(WaveState state, Company company, SyntheticProfile profile)
    {
        var wave = state.Wave;
        // Its own stream (another seed than the answers'): whether, when, and how far it answered.
        var random = new SyntheticAnswers.Draws(SyntheticAnswers.Seed(company.Id, state.Year, ~_seed));
        // Companies of ten or more answer more readily (they have someone for it).
        var threshold = random.NextDouble() * (_taxonomy.FindSizeBand(company.SizeBandCode)?.MinEmployees >= 10 ? 0.7 : 1);
        state.Owed += state.Rate;
        var submits = state.Owed > threshold;
        var draft = !submits && random.NextDouble() < DraftShare;
        if (submits)
        {
            state.Owed -= 1;
        }
        else if (!draft)
        {
            return null;
        }

        // Most answer in the first two weeks, the others after a reminder.
        var firstDay = random.NextDouble() switch { < 0.45 => 0, < 0.75 => Reminders[0], _ => Reminders[1] };
        var lastDay = firstDay == 0 ? Reminders[0] : firstDay == Reminders[0] ? Reminders[1] : 7 * Weeks;
        var at = wave.OpensAt.AddDays(random.Next(firstDay, lastDay)).AddSeconds(random.Next(86_400));
        if (at >= wave.ClosesAt)
        {
            at = wave.ClosesAt.AddMinutes(-random.Next(1, 600));
        }
        var answers = _answers.For(profile, state.Year, _seed);
        if (draft)
        {
            answers = Beginning(answers, random.Next(2, Math.Max(3, answers.Count / 2)));
        }
        return new SurveyResponse
        {
            Id = Id(at, random, company.Id),
            WaveId = wave.Id,
            CompanyId = company.Id,
            Answers = SurveyWaves.Write(_questionnaire, answers),
            Status = submits ? SurveyResponseStatus.Submitted : SurveyResponseStatus.Draft,
            UpdatedAt = at,
            SubmittedAt = submits ? at : null,
            Version = 1,
        };
    }

    /// <summary>The answers to the first questions, as a draft stopped on the way holds.</summary>
    private Dictionary<string, SurveyAnswer> Beginning(Dictionary<string, SurveyAnswer> answers, int count)
    {
        var kept = new Dictionary<string, SurveyAnswer>(StringComparer.Ordinal);
        foreach (var question in _questionnaire.Questions)
        {
            if (kept.Count == count)
            {
                break;
            }
            if (answers.TryGetValue(question.Id, out var answer))
            {
                kept[question.Id] = answer;
            }
        }
        return kept;
    }

    /// <summary>A version 7 GUID of the given time, its random part drawn from <paramref name="random"/> (the same every run).</summary>
    /// <summary>
    /// A version 7 id at <paramref name="at"/> from the draws, mixed with <paramref name="owner"/>'s id when it has one:
    /// the draws' seed has 31 bits, so among a hundred thousand companies two share a stream (and their responses a
    /// time), and only the owner keeps their ids apart.
    /// </summary>
    private static Guid Id(DateTime at, SyntheticAnswers.Draws random, Guid owner = default)
    {
        Span<byte> bytes = stackalloc byte[16];
        Span<byte> mix = stackalloc byte[16];
        owner.TryWriteBytes(mix);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, random.NextUInt64() ^ BinaryPrimitives.ReadUInt64LittleEndian(mix));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], random.NextUInt64() ^ BinaryPrimitives.ReadUInt64LittleEndian(mix[8..]));
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private sealed class WaveState(SurveyWave wave, int year, double rate)
    {
        public SurveyWave Wave { get; } = wave;
        public int Year { get; } = year;
        public double Rate { get; } = rate;

        /// <summary>Responses owed to reach the rate so far (the error carried from company to company).</summary>
        public double Owed { get; set; }
    }
}
