using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;

namespace AnnuaireFiliere.Core.Tests;

/// <summary>The reader of survey results: what the public sees, and what it knows ties the figures together.</summary>
internal sealed partial class DifferencingReader
{
    public static List<string> Recompute(WaveResults shown, WaveResults truth)
    {
        var reader = new DifferencingReader();
        reader.Read(shown, truth);
        var magnitudes = LoneMagnitudes(shown);
        // A recomputed 0 reveals nobody; a 0 withheld to cover another cell would leave that one recomputed too.
        return [.. reader.Solve().Where(k => reader._truth[k] != 0).Select(k => $"{k}={reader._truth[k]}"), .. magnitudes];
    }

    private void Read(WaveResults shown, WaveResults truth)
    {
        foreach (var question in shown.Questions)
        {
            var q = question.Question;
            var actual = truth.Question(q.Id)!;
            var allSectorsShown = actual.Groups.Count == question.Groups.Count;
            // A question too few answered is not published at all (not withheld for secrecy): nothing to read.
            if (question.Overall.Withheld && actual.Overall.Respondents < SurveyDisclosure.MinimumBase)
            {
                continue;
            }
            foreach (var group in question.Groups)
            {
                var real = actual.Group(group.Group)!;
                var n = $"{q.Id}|{group.Group}";
                Mark(n, new Cell(real.Respondents!.Value, group.Withheld));
                if (q.Required && q.ShowWhen is null)
                {
                    Mark($"n|{group.Group}", new Cell(truth.Questions.First(x => x.Question.Required && x.Question.ShowWhen is null).Group(group.Group)!.Respondents!.Value));
                    Equal([n], [$"n|{group.Group}"]);
                }
                if (q.Type is QuestionType.WholeNumber or QuestionType.PercentageSplit)
                {
                    continue;
                }
                foreach (var option in group.Options)
                {
                    Mark($"{n}|{option.Code}", new Cell(real.Option(option.Code)!.Count!.Value, option.Withheld));
                }
                var options = group.Options.Select(o => $"{n}|{o.Code}").ToList();
                if (q.Type != QuestionType.MultipleChoice)
                {
                    Equal([n], options);
                }
                else
                {
                    foreach (var option in options)
                    {
                        Equal([n], [option, Unknown()]);
                    }
                }
            }
            var sectors = question.Groups.Skip(1).Select(g => g.Group).ToList();
            List<string> Parts(string suffix) => [.. sectors.Select(s => $"{q.Id}|{s}{suffix}"), .. allSectorsShown ? Array.Empty<string>() : [Unknown()]];
            if (sectors.Count > 0)
            {
                Equal([$"{q.Id}|"], Parts(""));
                if (q.Type is not QuestionType.WholeNumber and not QuestionType.PercentageSplit)
                {
                    foreach (var option in question.Overall.Options)
                    {
                        Equal([$"{q.Id}||{option.Code}"], Parts($"|{option.Code}"));
                    }
                }
            }
            if (q.Required && q.ShowWhen is { } when && truth.Question(when.Question) is { } source && source.Question.Type is QuestionType.SingleChoice or QuestionType.AmountBand)
            {
                foreach (var group in question.Groups)
                {
                    var chose = when.AnyOf.Select(o => $"{when.Question}|{group.Group}|{o}").ToList();
                    if (chose.Sum(k => _truth.GetValueOrDefault(k)) == _truth[$"{q.Id}|{group.Group}"])
                    {
                        Equal([$"{q.Id}|{group.Group}"], chose);
                    }
                }
            }
        }
    }

    /// <summary>A survey cell: published exactly, or withheld with one mark for all (it says nothing of the count).</summary>
    private void Mark(string key, Cell cell)
    {
        _truth[key] = cell.Count;
        _range[key] = cell.Suppressed ? (0, Many) : (cell.Count, cell.Count);
        if (cell.Suppressed)
        {
            _withheld.Add(key);
        }
    }

    /// <summary>Magnitudes that add up (the sectors make all; a split's shares make 100 %) with exactly one withheld.</summary>
    private static List<string> LoneMagnitudes(WaveResults shown)
    {
        var found = new List<string>();
        foreach (var question in shown.Questions.Where(q => q.Question.Type is QuestionType.WholeNumber or QuestionType.PercentageSplit))
        {
            if (question.Question.Type == QuestionType.WholeNumber && question.Groups.Count > 1 && !question.Overall.Number!.Withheld
                && question.Groups.Skip(1).Count(g => g.Number!.Withheld) == 1)
            {
                found.Add($"{question.Question.Id}: one sector's figures");
            }
            if (question.Question.Type == QuestionType.PercentageSplit)
            {
                found.AddRange(question.Groups.Where(g => !g.Withheld && g.Options.Count(o => o.Withheld) == 1).Select(g => $"{question.Question.Id}|{g.Group}: one share"));
            }
        }
        return found;
    }
}
