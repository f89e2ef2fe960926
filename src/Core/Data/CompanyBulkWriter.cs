using System.Data.Common;
using System.Text.Json;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AnnuaireFiliere.Core.Data;

/// <summary>
/// Inserts many new companies fast: one transaction per call, one prepared statement per table, columns and
/// value conversions read from the EF model (so a migration cannot leave it behind), on SQLite and PostgreSQL. The
/// SQLite provider of EF Core sends one command per row, about 20 times slower. It writes the same rows as
/// <see cref="AppDbContext.SaveChangesAsync(bool, CancellationToken)"/>, indexing tasks included.
/// </summary>
internal sealed class CompanyBulkWriter(AppDbContext db, TimeProvider clock)
{
    public async Task InsertAsync(IReadOnlyCollection<Company> companies, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await TaskLogOrder.LockAsync(db, cancellationToken);
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            using var companyRows = new RowInserter(db.Model.FindEntityType(typeof(Company))!, connection, dbTransaction);
            using var activityRows = new RowInserter(db.Model.FindEntityType(typeof(CompanyActivity))!, connection, dbTransaction);
            using var taskRows = new RowInserter(db.Model.FindEntityType(typeof(IndexingTask))!, connection, dbTransaction);
            foreach (var company in companies)
            {
                var task = AppDbContext.StampNew(company, now);
                await companyRows.InsertAsync(company, cancellationToken);
                foreach (var activity in company.SecondaryActivities)
                {
                    activity.CompanyId = company.Id;
                    await activityRows.InsertAsync(activity, cancellationToken);
                }
                if (task is not null)
                {
                    await taskRows.InsertAsync(task, cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Inserts new rows of another entity type (a census wave's members and responses), in one transaction with one
    /// prepared statement; nothing else is written with them.
    /// </summary>
    public async Task InsertRowsAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            using var inserter = new RowInserter(entityType, db.Database.GetDbConnection(), transaction.GetDbTransaction());
            foreach (var row in rows)
            {
                await inserter.InsertAsync(row, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A prepared INSERT for one entity type: stored columns and JSON-mapped complex properties.</summary>
    private sealed class RowInserter : IDisposable
    {
        private readonly DbCommand _command;
        private readonly List<Action<object>> _binders = [];
        private readonly List<string> _values = [];

        public RowInserter(IEntityType entityType, DbConnection connection, DbTransaction transaction)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            var columns = new List<string>();
            AddColumns(entityType, StoreObjectIdentifier.Table(entityType.GetTableName()!), entity => entity, columns);
            var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", _values);
            _command.CommandText = $"INSERT INTO \"{entityType.GetTableName()}\" ({names}) VALUES ({values})";
            _command.Prepare();
        }

        /// <summary>Binds the stored properties of a type; complex properties become a JSON column or their own columns.</summary>
        private void AddColumns(ITypeBase type, StoreObjectIdentifier table, Func<object, object?> owner, List<string> columns)
        {
            foreach (var property in type.GetProperties().Where(p => !IsStoreGenerated(p)))
            {
                var mapping = property.GetRelationalTypeMapping();
                var propertyInfo = property.PropertyInfo!;
                var parameter = mapping.CreateParameter(_command, "@p" + columns.Count, null, property.IsNullable);
                _values.Add(parameter.ParameterName);
                columns.Add(property.GetColumnName(table)!);
                _command.Parameters.Add(parameter);
                _binders.Add(entity =>
                {
                    var value = owner(entity) is { } container ? propertyInfo.GetValue(container) : null;
                    parameter.Value = value is null ? DBNull.Value : mapping.Converter?.ConvertToProvider(value) ?? value;
                });
            }
            foreach (var complex in type.GetComplexProperties())
            {
                var propertyInfo = complex.PropertyInfo!;
                Func<object, object?> value = entity => owner(entity) is { } container ? propertyInfo.GetValue(container) : null;
                if (complex.ComplexType.GetContainerColumnName() is not { } jsonColumn)
                {
                    AddColumns(complex.ComplexType, table, value, columns);
                    continue;
                }
                var parameter = _command.CreateParameter();
                parameter.ParameterName = "@p" + columns.Count;
                parameter.DbType = System.Data.DbType.String;
                // Text on SQLite; PostgreSQL's jsonb column takes the text cast to its type.
                var storeType = type.Model.GetRelationalModel().FindTable(table.Name, table.Schema)?.FindColumn(jsonColumn)?.StoreType;
                _values.Add(storeType is null ? parameter.ParameterName : $"CAST({parameter.ParameterName} AS {storeType})");
                columns.Add(jsonColumn);
                _command.Parameters.Add(parameter);
                _binders.Add(entity => parameter.Value = JsonSerializer.Serialize(value(entity), complex.ClrType));
            }
        }

        // Integer keys are numbered by the database (SQLite's rowid, PostgreSQL's identity); GUID keys are set by the application.
        private static bool IsStoreGenerated(IProperty property) =>
            property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && property.ClrType == typeof(long);

        public async Task InsertAsync(object entity, CancellationToken cancellationToken)
        {
            foreach (var bind in _binders)
            {
                bind(entity);
            }
            await _command.ExecuteNonQueryAsync(cancellationToken);
        }

        public void Dispose() => _command.Dispose();
    }
}
