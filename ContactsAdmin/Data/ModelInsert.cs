using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ContactsAdmin.Data;

/// <summary>
/// Inserts many rows of one entity type with a single statement, on the context's connection and transaction: the
/// rows travel as one JSON array that SQLite's json_each unpacks (<c>INSERT ... SELECT value->>0, ... FROM
/// json_each($rows)</c>). The columns and value conversions come from the EF model, and each value is written as the
/// text or number Microsoft.Data.Sqlite would bind, so the store holds exactly what SaveChanges would store, and the
/// statement follows the model when it changes. Why not a prepared INSERT per row: each execution costs more in
/// ADO.NET (a reader, a parameter bound by name per column) than SQLite's own work for the row, and bulk writes
/// insert thousands of rows (a new contact brings an audit row per field).
/// </summary>
internal sealed class ModelInsert<T> : IDisposable where T : class
{
    private readonly DbCommand command;
    private readonly DbParameter rows;
    private readonly (string Name, PropertyInfo Property, ValueConverter? Converter)[] columns;
    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);

    public ModelInsert(AppDbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Insert inside a transaction: the rows must commit with the rest of the write.");
        var keyProperty = entityType.FindPrimaryKey()!.Properties.Single();

        var properties = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        columns = [.. properties.Select(p => (p.Name,
            p.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no CLR property to read."),
            ((RelationalTypeMapping)p.GetTypeMapping()).Converter))];
        var names = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
        var values = string.Join(", ", properties.Select((_, i) => $"value->>{i}"));
        command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        // ORDER BY key: the rows go in in the order given, so the ids the store hands out (ascending) follow that order.
        command.CommandText = $"INSERT INTO \"{entityType.GetTableName()}\" ({names}) SELECT {values} FROM json_each($rows) ORDER BY key " +
                              $"RETURNING \"{keyProperty.GetColumnName()}\"";
        rows = command.CreateParameter();
        rows.ParameterName = "$rows";
        command.Parameters.Add(rows);
    }

    /// <summary>Inserts the rows and returns the ids the store gave them, in the order of <paramref name="entities"/>.</summary>
    public long[] InsertMany(IReadOnlyCollection<T> entities)
    {
        if (entities.Count == 0) return [];
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var entity in entities)
            {
                json.WriteStartArray();
                foreach (var (name, property, converter) in columns)
                {
                    var value = property.GetValue(entity);
                    if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
                    Write(json, value, name);
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        rows.Value = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);

        var ids = new long[entities.Count];
        var count = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (count == ids.Length) throw new InvalidOperationException($"More {typeof(T).Name} rows were inserted than given.");
                ids[count++] = reader.GetInt64(0);
            }
        }
        if (count != ids.Length) throw new InvalidOperationException($"{count} of {ids.Length} {typeof(T).Name} rows were inserted.");
        // RETURNING reports the rows in no promised order; each row inserted got a larger id than the one before.
        Array.Sort(ids);
        return ids;
    }

    /// <summary>The value as Microsoft.Data.Sqlite binds it: integers as integers, dates and text as text.</summary>
    private static void Write(Utf8JsonWriter json, object? value, string column)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case bool flag: json.WriteNumberValue(flag ? 1 : 0); break;
            case long number: json.WriteNumberValue(number); break;
            case int number: json.WriteNumberValue(number); break;
            case short number: json.WriteNumberValue(number); break;
            case byte number: json.WriteNumberValue(number); break;
            case DateTime time: json.WriteStringValue(time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case DateOnly date: json.WriteStringValue(date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)); break;
            case Enum member: json.WriteNumberValue(Convert.ToInt64(member, CultureInfo.InvariantCulture)); break;
            default: throw new NotSupportedException($"{typeof(T).Name}.{column}: values of type {value.GetType().Name} are not written by {nameof(ModelInsert<T>)}.");
        }
    }

    public void Dispose() => command.Dispose();
}
