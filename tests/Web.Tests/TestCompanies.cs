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
}
