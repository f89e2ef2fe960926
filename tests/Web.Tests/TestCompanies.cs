using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>Companies written straight to the database, as the wizard or the import would leave them.</summary>
internal static class TestCompanies
{
    /// <summary>
    /// A company named <paramref name="name"/> with the activity and commune of a demo company, in <paramref name="status"/>;
    /// <paramref name="alter"/> may change it (and add rows, such as its history) before the one SaveChanges.
    /// </summary>
    public static Task<Company> AddAsync(DirectoryWebFactory factory, string name, PublicationStatus status, Action<Company, Core.Data.AppDbContext>? alter = null) =>
        factory.WithDatabaseAsync(async db =>
        {
            var model = await db.Companies.AsNoTracking().FirstAsync(TestContext.Current.CancellationToken);
            var company = new Company
            {
                Id = Guid.NewGuid(),
                Slug = Slugs.From(name),
                LegalName = name,
                PrimaryActivityCode = model.PrimaryActivityCode,
                CommuneCode = model.CommuneCode,
                Status = status,
            };
            db.Companies.Add(company);
            alter?.Invoke(company, db);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return company;
        });

    /// <summary>
    /// A history entry made by hand, for a page to show (the site's own entries are written by the company life cycle):
    /// the fields of <paramref name="company"/> that differ from <paramref name="before"/> (or all of them).
    /// </summary>
    public static CompanyChange HistoryEntry(Company company, ChangeKind kind, DateTime at, Guid? userId, string actor,
        IReadOnlyDictionary<string, string?>? before = null, string? reason = null, ChangeNote? note = null) => new()
    {
        CompanyId = company.Id,
        At = at,
        UserId = userId,
        Actor = actor,
        Kind = kind,
        Reason = reason,
        Details = note?.ToJson(),
        Fields = System.Text.Json.JsonSerializer.Serialize(CompanyFields.Diff(before ?? new Dictionary<string, string?>(), CompanyFields.Of(company)),
            System.Text.Json.JsonSerializerOptions.Web),
    };
}
