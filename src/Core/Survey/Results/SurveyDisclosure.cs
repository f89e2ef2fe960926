using AnnuaireFiliere.Core.Statistics;

namespace AnnuaireFiliere.Core.Survey.Results;

/// <summary>
/// Disclosure control of a wave's results for the public (docs/adr/0030), over every table of the view at once:
/// <list type="bullet">
/// <item>a question's results are shown for a group (all, a sector) only when at least <see cref="MinimumBase"/>
/// companies of it answered the question: a share of fewer says little, and small groups are what disclosure feeds on;</item>
/// <item>counts of respondents — answering a question, choosing an option — go through <see cref="DisclosureProblem"/>
/// with the equations a reader knows: the options of a single choice add up to the question's respondents, a multiple
/// choice's option and its complement too, the sectors add up to all (with the sectors not shown as an unpublished
/// rest), every required question is answered by the same respondents, and a required question shown after an
/// option is answered by those who chose it;</item>
/// <item>magnitudes (a number's total, mean and median, a split's mean share, a scale's mean) are withheld with their
/// count, when one respondent holds ≥ 85 % of the total or two ≥ 90 %, and a second one where a lone withheld
/// magnitude could be worked out (the shares of a split add up to 100 %, the sectors to all);</item>
/// <item>weighted figures follow the pattern of the counts they are made of.</item>
/// </list>
/// Withheld values are removed, not only marked: the page, the API and the exports all read this one version.
/// </summary>
public static class SurveyDisclosure
{
    /// <summary>The fewest respondents to a question for its results to be shown in a group.</summary>
    public const int MinimumBase = 10;

    public static IReadOnlyList<QuestionResult> Protect(SurveyEstimates estimates, Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(questionnaire);
        var shown = estimates.RespondentsByGroup.Where(g => g.Key.Length == 0 || g.Value >= MinimumBase)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var problem = new DisclosureProblem();
        var respondents = shown.ToDictionary(g => g, g => problem.Figure($"n|{g}", estimates.RespondentsByGroup[g]), StringComparer.Ordinal);
        foreach (var figure in respondents.Values)
        {
            problem.Keep(figure);
        }
        SumOverSectors(problem, respondents[""], [.. respondents.Where(r => r.Key.Length > 0).Select(r => r.Value)]);
        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in estimates.Questions)
        {
            Describe(problem, result, shown, respondents, answered);
        }
        foreach (var result in estimates.Questions)
        {
            Condition(problem, questionnaire, result, estimates.Questions, shown, answered);
        }
        var withheld = problem.Protect();
        bool Withheld(string key) => problem.Find(key) is { } f && withheld[f];
        return [.. estimates.Questions.Select(result => Publish(result, shown, Withheld, answered, withheld, estimates.Dominated))];
    }

    /// <summary>A question's figures in each group shown, and the equations within a group and across sectors.</summary>
    private static void Describe(DisclosureProblem problem, QuestionResult result, HashSet<string> shown, Dictionary<string, int> respondents, Dictionary<string, int> answered)
    {
        var question = result.Question;
        var groups = Shown(result, shown);
        foreach (var group in groups)
        {
            var n = group.Respondents ?? 0;
            // A required question always shown is answered by every respondent: the same figure as theirs.
            var figure = question.Required && question.ShowWhen is null && problem.CountOf(respondents[group.Group]) == n
                ? respondents[group.Group]
                : problem.Figure($"{question.Id}|{group.Group}", n);
            answered[$"{question.Id}|{group.Group}"] = figure;
            var options = group.Options.Select(o => problem.Figure($"{question.Id}|{group.Group}|{o.Code}", o.Count ?? 0)).ToList();
            switch (question.Type)
            {
                case QuestionType.SingleChoice or QuestionType.AmountBand or QuestionType.Scale:
                    problem.Sum(figure, options);
                    break;
                case QuestionType.MultipleChoice:
                    foreach (var (option, index) in group.Options.Select((o, i) => (o, i)))
                    {
                        var complement = problem.Figure($"{question.Id}|{group.Group}|!{option.Code}", n - (option.Count ?? 0));
                        problem.Equation([figure], [options[index], complement]);
                    }
                    break;
            }
        }
        var overall = groups.FirstOrDefault(g => g.Group.Length == 0);
        if (overall is null)
        {
            return;
        }
        var sectors = groups.Where(g => g.Group.Length > 0).ToList();
        SumOverSectors(problem, answered[$"{question.Id}|"], [.. sectors.Select(g => answered[$"{question.Id}|{g.Group}"])]);
        foreach (var option in overall.Options)
        {
            SumOverSectors(problem, problem.Find($"{question.Id}||{option.Code}")!.Value,
                [.. sectors.Select(g => problem.Find($"{question.Id}|{g.Group}|{option.Code}")!.Value)]);
        }
    }

    /// <summary>The groups a question's results are shown for: all, then the sectors, each with enough respondents to it.</summary>
    private static List<GroupResult> Shown(QuestionResult result, HashSet<string> shown)
    {
        var groups = result.Groups.Where(g => shown.Contains(g.Group) && (g.Respondents ?? 0) >= MinimumBase).ToList();
        return groups.Count > 0 && groups[0].Group.Length == 0 ? groups : [];
    }

    private static void SumOverSectors(DisclosureProblem problem, int whole, IReadOnlyList<int> sectors)
    {
        if (sectors.Count > 0 && !sectors.Contains(whole))
        {
            problem.Sum(whole, sectors);
        }
    }

    /// <summary>
    /// A required question shown after some options of a single choice (or one option of a multiple choice) is
    /// answered by exactly those who chose them: an equation a reader knows, added when it holds.
    /// </summary>
    private static void Condition(DisclosureProblem problem, Questionnaire questionnaire, QuestionResult result, IReadOnlyList<QuestionResult> all,
        HashSet<string> shown, Dictionary<string, int> answered)
    {
        var question = result.Question;
        if (!question.Required || question.ShowWhen is not { } when || questionnaire.Find(when.Question) is not { } source
            || !(source.Type is QuestionType.SingleChoice or QuestionType.AmountBand || source.Type == QuestionType.MultipleChoice && when.AnyOf.Count == 1)
            || all.FirstOrDefault(r => r.Question.Id == source.Id) is null)
        {
            return;
        }
        foreach (var group in Shown(result, shown).Where(g => Shown(all.First(r => r.Question.Id == source.Id), shown).Any(s => s.Group == g.Group)))
        {
            var chose = when.AnyOf.Select(o => problem.Find($"{source.Id}|{group.Group}|{o}")).OfType<int>().ToArray();
            var figure = answered[$"{question.Id}|{group.Group}"];
            if (chose.Length == when.AnyOf.Count && chose.Sum(problem.CountOf) == problem.CountOf(figure))
            {
                problem.Equation([figure], chose);
            }
        }
    }

    private static QuestionResult Publish(QuestionResult result, HashSet<string> shown, Func<string, bool> withheldKey,
        Dictionary<string, int> answered, bool[] withheld, IReadOnlySet<string> dominated)
    {
        var question = result.Question;
        var groups = Shown(result, shown);
        if (groups.Count == 0)
        {
            // Too few answered the question: nothing of it is published.
            var overall = result.Overall;
            return new QuestionResult(question, [new GroupResult(overall.Group, null, [.. overall.Options.Select(o => new OptionResult(o.Code, null, null, null, null, true))], null,
                overall.Number is null ? null : new NumberResult(null, null, null, true), Withheld: true)]);
        }
        bool GroupWithheld(GroupResult g) => withheld[answered[$"{question.Id}|{g.Group}"]];
        // Magnitudes first: their own rules, then a second one wherever a lone one could be worked out.
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var groupKey = $"{question.Id}|{group.Group}";
            switch (question.Type)
            {
                case QuestionType.WholeNumber when GroupWithheld(group) || dominated.Contains(groupKey):
                    hidden.Add(group.Group);
                    break;
                case QuestionType.Scale when GroupWithheld(group) || group.Options.Any(o => withheldKey($"{groupKey}|{o.Code}")):
                    hidden.Add(group.Group);
                    break;
                case QuestionType.PercentageSplit:
                    foreach (var option in group.Options.Where(o => GroupWithheld(group) || withheldKey($"{groupKey}|{o.Code}") || dominated.Contains($"{groupKey}|{o.Code}")))
                    {
                        hidden.Add($"{group.Group}|{option.Code}");
                    }
                    break;
            }
        }
        if (question.Type == QuestionType.PercentageSplit)
        {
            CoverSplits(groups, hidden);
        }
        else if (question.Type is QuestionType.WholeNumber or QuestionType.Scale)
        {
            CoverSectors(groups, hidden, g => g);
        }
        return new QuestionResult(question, [.. groups.Select(group => GroupWithheld(group)
            ? new GroupResult(group.Group, null, [.. group.Options.Select(o => new OptionResult(o.Code, null, null, null, null, true))], null,
                group.Number is null ? null : new NumberResult(null, null, null, true), Withheld: true)
            : PublishGroup(question, group, withheldKey, hidden))]);
    }

    private static GroupResult PublishGroup(Question question, GroupResult group, Func<string, bool> withheldKey, HashSet<string> hidden)
    {
        var options = group.Options.Select(o =>
        {
            var gone = question.Type == QuestionType.PercentageSplit ? hidden.Contains($"{group.Group}|{o.Code}") : withheldKey($"{question.Id}|{group.Group}|{o.Code}");
            return gone ? new OptionResult(o.Code, null, null, null, null, true) : o with { Count = null };
        }).ToList();
        var magnitudeHidden = hidden.Contains(group.Group);
        return group with
        {
            Options = options,
            Mean = magnitudeHidden ? null : group.Mean,
            Number = group.Number is null ? null : magnitudeHidden ? new NumberResult(null, null, null, true) : group.Number,
        };
    }

    /// <summary>The mean shares of a split add up to 100 % in a group, and the sectors' make up all's: no lone withheld one.</summary>
    private static void CoverSplits(List<GroupResult> groups, HashSet<string> hidden)
    {
        var codes = groups.Count == 0 ? [] : groups[0].Options.Select(o => o.Code).ToList();
        for (var pass = 0; pass < codes.Count * groups.Count + 1; pass++)
        {
            var before = hidden.Count;
            foreach (var group in groups)
            {
                CoverOne(group.Options.OrderBy(o => o.Count).Select(o => $"{group.Group}|{o.Code}").ToList(), hidden);
            }
            foreach (var code in codes)
            {
                CoverSectors(groups, hidden, g => $"{g}|{code}");
            }
            if (hidden.Count == before)
            {
                return;
            }
        }
    }

    /// <summary>All's magnitude is made of its sectors': hidden all hides them all; one hidden sector gets a second.</summary>
    private static void CoverSectors(List<GroupResult> groups, HashSet<string> hidden, Func<string, string> key)
    {
        if (groups.Count < 2)
        {
            return;
        }
        if (hidden.Contains(key("")))
        {
            foreach (var group in groups)
            {
                hidden.Add(key(group.Group));
            }
            return;
        }
        // Those not shown as a group (too few respondents) are an unknown part already.
        CoverOne([.. groups.Skip(1).OrderBy(g => g.Respondents).Select(g => key(g.Group)), key("")], hidden);
    }

    /// <summary>Among keys that add up to a known whole, one hidden alone gets a second (the first in order not hidden).</summary>
    private static void CoverOne(IReadOnlyList<string> keys, HashSet<string> hidden)
    {
        if (keys.Count(hidden.Contains) == 1 && keys.FirstOrDefault(k => !hidden.Contains(k)) is { } next)
        {
            hidden.Add(next);
        }
    }
}
