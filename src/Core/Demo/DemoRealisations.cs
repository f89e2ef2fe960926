using System.Globalization;
using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Demo;

/// <summary>
/// Réalisations for demo companies (docs/adr/0026): about one published company in twenty gets one to three, already
/// published, without image or link, each about one of the company's own services. Drawn from the company's id, so
/// the same demo data gives the same réalisations.
/// </summary>
public static class DemoRealisations
{
    private static readonly (string ClientType, string[] Clients)[] Clients =
    [
        (ClientTypes.Company, ["un commerce de Nouméa", "une entreprise de transport", "un hôtel de la côte Ouest", "un cabinet comptable", "une entreprise du BTP"]),
        (ClientTypes.Administration, ["une mairie de la province Nord", "un service de la province Sud", "une commune des îles Loyauté"]),
        (ClientTypes.Association, ["une association sportive", "une association culturelle", "une association de parents d'élèves"]),
        (ClientTypes.Individuals, ["des particuliers"]),
    ];

    /// <summary>What the company offers, as a sentence would say it: its own words, then the list's services (lower case).</summary>
    public static IReadOnlyList<string> Services(Company company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var french = CultureInfo.GetCultureInfo("fr");
        return [.. company.Services, .. company.ServiceCodes.Select(Taxonomy.TaxonomyCatalog.Default.FindService).OfType<Taxonomy.Service>()
            .Select(s => char.ToLower(s.LabelFr[0], french) + s.LabelFr[1..])];
    }

    public static IEnumerable<Realisation> For(Company company, DateTime referenceTime)
    {
        ArgumentNullException.ThrowIfNull(company);
        var random = new Random(BitConverter.ToInt32(company.Id.ToByteArray(), 12));
        var services = Services(company);
        if (company.Status != PublicationStatus.Published || services.Count == 0 || random.Next(20) != 0)
        {
            yield break;
        }
        var count = random.Next(1, 4);
        for (var position = 1; position <= count; position++)
        {
            var service = services[random.Next(services.Count)];
            var (clientType, clients) = Clients[random.Next(Clients.Length)];
            var client = clients[random.Next(clients.Length)];
            var year = referenceTime.Year - random.Next(0, 6);
            var title = $"{char.ToUpper(service[0], CultureInfo.GetCultureInfo("fr"))}{service[1..]} pour {client}";
            yield return new Realisation
            {
                CompanyId = company.Id,
                Title = title.Length <= Realisation.TitleMaxLength ? title : title[..Realisation.TitleMaxLength],
                ClientType = clientType,
                Year = year,
                Text = $"Projet mené en {year.ToString(CultureInfo.InvariantCulture)} pour {client} : {service}, de l'étude des besoins à la mise en service.",
                Position = position,
                Status = RealisationStatus.Published,
                CreatedAt = referenceTime,
                UpdatedAt = referenceTime,
                Version = 1,
            };
        }
    }
}
