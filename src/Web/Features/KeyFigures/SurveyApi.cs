using System.Globalization;
using AnnuaireFiliere.Core.Statistics;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Web.Features.Api;
using AnnuaireFiliere.Web.Features.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.KeyFigures;

/// <summary>A closed census wave, as <c>/api/v1/enquetes</c> lists it.</summary>
public sealed record ApiSurveyWave(Guid Id, string Title, DateTime OpensAt, DateTime ClosesAt, string Questionnaire, string Results);

/// <summary>An option's published figures (null: withheld, see <c>withheld</c>).</summary>
public sealed record ApiSurveyOption(string Code, string Label, double? Share, double? MarginOfError, double? Estimate, bool Withheld);

/// <summary>A number's published figures.</summary>
public sealed record ApiSurveyNumber(double? Total, double? Mean, double? Median, bool Withheld);

/// <summary>A question's figures in a group ("ensemble", or a sector's code).</summary>
public sealed record ApiSurveyGroup(string Group, string Label, long? Respondents, bool Withheld, IReadOnlyList<ApiSurveyOption> Options, double? Mean, ApiSurveyNumber? Number);

public sealed record ApiSurveyQuestion(string Id, string Text, string Type, IReadOnlyList<ApiSurveyGroup> Groups);

/// <summary>A closed wave's published (protected) results: the same figures as its key figures page.</summary>
public sealed record ApiSurveyResults(
    Guid Id, string Title, string State, long Population, long Respondents, double ResponseRate, bool Weighted, IReadOnlyList<ApiSurveyQuestion> Questions, string Licence, string Disclosure);

/// <summary><c>/api/v1/enquetes</c> and <c>/api/v1/enquetes/{id}</c>: the census's published results (docs/adr/0030).</summary>
public static class SurveyApi
{
    public static void MapSurveyApi(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/enquetes", ListAsync).WithName("Enquetes").Described("Api.Doc.Surveys");
        api.MapGet("/enquetes/{id:guid}", ResultsAsync).WithName("ResultatsEnquete").Described("Api.Doc.SurveyResults")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<List<ApiSurveyWave>>> ListAsync(HttpContext context, SurveyPublication publication, CancellationToken cancellationToken)
    {
        var site = Infrastructure.PublicAddress.Of(context);
        var waves = await publication.ClosedAsync(cancellationToken);
        return TypedResults.Ok(waves.Select(w => new ApiSurveyWave(w.Id, w.Title, w.OpensAt, w.ClosesAt, w.QuestionnaireKey, $"{site}{PublicApi.VersionPrefix}/enquetes/{w.Id}")).ToList());
    }

    private static async Task<Results<Ok<ApiSurveyResults>, ProblemHttpResult>> ResultsAsync(
        Guid id, SurveyPublication publication, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        if (await publication.ReadAsync(id, StatisticsAudience.Public, Calibration.SectorAndSize, cancellationToken) is not { } published)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Api.SurveyNotFound"]);
        }
        var results = published.Current;
        var culture = CultureInfo.CurrentUICulture;
        var all = text["KeyFigures.All"].Value;
        return TypedResults.Ok(new ApiSurveyResults(
            results.Wave.Id, results.Wave.Title, results.State.ToString(), results.Population, results.Respondents, results.ResponseRate,
            results.Weighting?.Calibrated == true,
            [.. results.Questions.Select(q => new ApiSurveyQuestion(q.Question.Id, q.Question.Text.In(culture), q.Question.Type.ToString(),
                [.. q.Groups.Select(g => new ApiSurveyGroup(g.Group.Length == 0 ? SurveyPublication.AllCode : g.Group, publication.GroupLabel(g.Group, all), g.Respondents, g.Withheld,
                    [.. g.Options.Select(o => new ApiSurveyOption(o.Code, SurveyPublication.OptionLabel(q.Question, o.Code, culture), o.Share, o.MarginOfError, o.Estimate, o.Withheld))],
                    g.Mean, g.Number is { } n ? new ApiSurveyNumber(n.Total, n.Mean, n.Median, n.Withheld) : null))]))],
            StatisticsExports.Licence,
            text["KeyFigures.Method.Disclosure"]));
    }
}
