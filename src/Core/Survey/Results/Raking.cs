namespace AnnuaireFiliere.Core.Survey.Results;

/// <summary>A company of a wave's population, by the groups its weights are calibrated on.</summary>
public sealed record SurveyUnit(Guid CompanyId, string Sector, string SizeBand, string Province);

/// <summary>The directory's margins the weights are calibrated to.</summary>
public enum Calibration
{
    /// <summary>Sector (of the main activity) and size band: the default.</summary>
    SectorAndSize = 0,

    /// <summary>Province (of the commune): post-stratification.</summary>
    Province = 1,
}

/// <summary>
/// How the weights came out: calibrated (each margin of the population met within <see cref="Raking.Tolerance"/>),
/// or, when raking did not converge, every respondent weighing the same (population ÷ respondents) with
/// <see cref="Calibrated"/> false. Groups of the population without any respondent are pooled with the smallest group
/// that has some (<see cref="Pooled"/>), since no weight can stand for nobody.
/// </summary>
public sealed record Weighting(
    Calibration Calibration, bool Calibrated, int Iterations, double Gap, IReadOnlyList<string> Pooled, double MinWeight, double MaxWeight);

/// <summary>
/// Raking (iterative proportional fitting, Deming–Stephan): starting from population ÷ respondents, the weights are
/// scaled margin by margin until the weighted respondents of every group match the population's count of that group.
/// docs/adr/0030.
/// </summary>
public static class Raking
{
    public const int MaxIterations = 100;

    /// <summary>Largest relative gap between a weighted margin and the population's that counts as met.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>A weight per respondent (same order), and how they were obtained.</summary>
    public static (double[] Weights, Weighting Weighting) Weigh(IReadOnlyList<SurveyUnit> population, IReadOnlyList<SurveyUnit> respondents, Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(respondents);
        if (respondents.Count == 0)
        {
            return ([], new Weighting(calibration, false, 0, 0, [], 0, 0));
        }
        Func<SurveyUnit, string>[] margins = calibration == Calibration.Province
            ? [u => u.Province]
            : [u => u.Sector, u => u.SizeBand];
        var pooled = new List<string>();
        // Each margin as: the category of each respondent (an index) and the population's count per category.
        var categories = margins.Select((margin, m) => Categories(population, respondents, margin, m, pooled)).ToArray();
        var uniform = (double)population.Count / respondents.Count;
        var weights = Enumerable.Repeat(uniform, respondents.Count).ToArray();
        var iterations = 0;
        var gap = double.MaxValue;
        while (iterations < MaxIterations && !(gap <= Tolerance))
        {
            iterations++;
            foreach (var (of, target) in categories)
            {
                var sums = Sums(weights, of, target.Length);
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] *= target[of[i]] / sums[of[i]];
                }
            }
            gap = categories.Max(c => Gap(weights, c.Of, c.Target));
        }
        if (!(gap <= Tolerance)) // also a NaN: a group weighed down to nothing
        {
            Array.Fill(weights, uniform);
            return (weights, new Weighting(calibration, false, iterations, gap, pooled, uniform, uniform));
        }
        return (weights, new Weighting(calibration, true, iterations, gap, pooled, weights.Min(), weights.Max()));
    }

    /// <summary>
    /// A margin's categories: those with respondents, the ones without pooled into the smallest with some (named in
    /// <paramref name="pooled"/> as "margin:code").
    /// </summary>
    private static (int[] Of, double[] Target) Categories(
        IReadOnlyList<SurveyUnit> population, IReadOnlyList<SurveyUnit> respondents, Func<SurveyUnit, string> margin, int index, List<string> pooled)
    {
        var answered = respondents.GroupBy(margin, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var counts = population.GroupBy(margin, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var code in answered.Keys.Where(c => !counts.ContainsKey(c)))
        {
            counts[code] = 0; // a respondent outside the population as described (its company changed since)
        }
        var smallest = answered.OrderBy(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).First().Key;
        var codes = answered.Keys.Order(StringComparer.Ordinal).ToList();
        var position = codes.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i, StringComparer.Ordinal);
        var target = codes.Select(c => (double)counts[c]).ToArray();
        foreach (var (code, count) in counts.Where(c => !answered.ContainsKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            target[position[smallest]] += count;
            pooled.Add($"{index}:{code}");
        }
        // A category of respondents that the population no longer holds cannot be met: it keeps a share of nothing,
        // which raking reads as not converging.
        return ([.. respondents.Select(r => position[margin(r)])], target);
    }

    private static double[] Sums(double[] weights, int[] of, int categories)
    {
        var sums = new double[categories];
        for (var i = 0; i < weights.Length; i++)
        {
            sums[of[i]] += weights[i];
        }
        return sums;
    }

    private static double Gap(double[] weights, int[] of, double[] target)
    {
        var sums = Sums(weights, of, target.Length);
        var gap = 0.0;
        for (var c = 0; c < target.Length; c++)
        {
            gap = Math.Max(gap, target[c] == 0 ? (sums[c] == 0 ? 0 : double.PositiveInfinity) : Math.Abs(sums[c] - target[c]) / target[c]);
        }
        return gap;
    }
}
