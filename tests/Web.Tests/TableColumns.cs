using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The columns a table really has in the database (not what the model says), in their order, on either provider.</summary>
internal static class TableColumns
{
    public static Task<List<string>> OfAsync(AppDbContext db, string table, CancellationToken cancellationToken) =>
        (AppDatabase.ProviderOf(db) == DatabaseProvider.PostgreSql
            ? db.Database.SqlQuery<string>($"SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = {table} ORDER BY ordinal_position")
            : db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table}) ORDER BY cid"))
        .ToListAsync(cancellationToken);
}
