using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ContactsAdmin.Data;

/// <summary>
/// An INSERT of one entity type, compiled once on the context's connection and transaction and run per row, with
/// the columns and value conversions taken from the EF model (so it stores exactly what SaveChanges would, and
/// follows the model when it changes). SaveChanges prepares every statement anew, which is most of its cost for
/// thousands of rows; this is the fast way for the writes that insert that many.
/// </summary>
internal sealed class ModelInsert<T> : IDisposable where T : class
{
    private readonly DbCommand command;
    private readonly (PropertyInfo Property, ValueConverter? Converter, DbParameter Parameter)[] columns;

    /// <param name="skipDuplicates">
    /// A row that would break a unique index is left out (ON CONFLICT DO NOTHING) instead of failing the statement;
    /// <see cref="TryInsert"/> then answers null.
    /// </param>
    public ModelInsert(AppDbContext db, bool skipDuplicates = false)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Insert inside a transaction: the rows must commit with the rest of the write.");
        var keyProperty = entityType.FindPrimaryKey()!.Properties.Single();

        command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var properties = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        columns = [.. properties.Select((p, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$p" + i;
            command.Parameters.Add(parameter);
            var clr = p.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no CLR property to read.");
            return (clr, ((RelationalTypeMapping)p.GetTypeMapping()).Converter, parameter);
        })];
        var names = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
        var values = string.Join(", ", properties.Select((_, i) => "$p" + i));
        command.CommandText = $"INSERT INTO \"{entityType.GetTableName()}\" ({names}) VALUES ({values}){(skipDuplicates ? " ON CONFLICT DO NOTHING" : "")} RETURNING \"{keyProperty.GetColumnName()}\"";
        command.Prepare();
    }

    /// <summary>Inserts the row and returns the id the store gave it (the caller puts it on the entity, through EF's entry when EF tracks it).</summary>
    public long Insert(T entity) => TryInsert(entity) ?? throw new InvalidOperationException($"The {typeof(T).Name} was not inserted.");

    /// <summary>Inserts the row and returns its id, or null when it was left out as a duplicate.</summary>
    public long? TryInsert(T entity)
    {
        foreach (var (property, converter, parameter) in columns)
        {
            var value = property.GetValue(entity);
            if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
            parameter.Value = value ?? DBNull.Value;
        }
        return command.ExecuteScalar() is { } id ? (long)id : null;
    }

    public void Dispose() => command.Dispose();
}
