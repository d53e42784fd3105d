using System.Buffers;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContactsAdmin.Data;

/// <summary>
/// Rows of one entity type held as typed values, in the columns the EF model gives the table: integers, booleans,
/// reals, times, days, NULLs and UTF-8 text in one growing buffer, row after row. <see cref="Add"/> reads an entity
/// through the model (its value converters included) and records it here, so a thread that makes entities can do
/// that work while another one inserts the rows made before (<see cref="IBulkInsert{T}.Insert"/>). The values stay
/// typed (a time is its ticks, a boolean a boolean): each engine's bulk path encodes them as its store expects
/// (SQLite's <see cref="ModelInsert{T}"/> as Microsoft.Data.Sqlite binds them, PostgreSQL's COPY in its binary
/// format), so neither parses the other's encoding back. Enums come through the model's converter (their names).
/// </summary>
/// <remarks>
/// The buffers grow in arrays rented from the shared pools, and <see cref="Release"/> gives them back: a batch's rows
/// (3,000 contacts, tens of thousands of audit rows) need arrays of megabytes, which, made anew for each batch, were most
/// of an import's large-object garbage and the gen-2 collections it caused.
/// </remarks>
internal sealed class ModelRows<T> where T : class
{
    public enum Kind : byte { Null, Integer, Boolean, Real, Text, Time, Day }

    private const int FirstValues = 1024;
    private const int FirstTextBytes = 16 * 1024;

    private Kind[] kinds = ArrayPool<Kind>.Shared.Rent(FirstValues);
    // Integers, booleans (0 or 1), reals (as their bits), times (their ticks), days (their day number) and, for
    // text, where it starts in the buffer.
    private long[] numbers = ArrayPool<long>.Shared.Rent(FirstValues);
    private int[] lengths = ArrayPool<int>.Shared.Rent(FirstValues);
    private byte[] text = ArrayPool<byte>.Shared.Rent(FirstTextBytes);
    private int textLength;

    /// <param name="model">The model that says which columns the table has.</param>
    /// <param name="withKey">
    /// Write the key column too, with the ids the entities carry (as SaveChanges writes a key that is set): for
    /// rows whose ids the caller gave out beforehand. Without it the store gives the ids.
    /// </param>
    public ModelRows(IModel model, bool withKey = false) => Columns = ModelColumns<T>.Of(model, withKey);

    public ModelColumns<T> Columns { get; }
    public int Values { get; private set; }
    public int Count => Values / Columns.Count;

    public void Clear() => (Values, textLength) = (0, 0);

    /// <summary>
    /// Empties the rows and gives their buffers back to the pools (no span of <see cref="TextAt"/> may be held past
    /// this); the rows can be used again, growing anew.
    /// </summary>
    public void Release()
    {
        Clear();
        Return(ref kinds, FirstValues);
        Return(ref numbers, FirstValues);
        Return(ref lengths, FirstValues);
        Return(ref text, FirstTextBytes);
    }

    private static void Return<TValue>(ref TValue[] buffer, int firstLength)
    {
        var returned = buffer;
        buffer = ArrayPool<TValue>.Shared.Rent(firstLength);
        ArrayPool<TValue>.Shared.Return(returned);
    }

    private static void Grow<TValue>(ref TValue[] buffer, int used, int length)
    {
        if (buffer.Length >= length) return;   // the pool gave it longer than asked
        var grown = ArrayPool<TValue>.Shared.Rent(length);
        Array.Copy(buffer, grown, used);
        ArrayPool<TValue>.Shared.Return(buffer);
        buffer = grown;
    }

    public void Add(T entity) => Columns.Write(entity, this);

    public Kind KindAt(int value) => kinds[value];

    public long IntegerAt(int value) => numbers[value];

    public bool BooleanAt(int value) => numbers[value] != 0;

    public double RealAt(int value) => BitConverter.Int64BitsToDouble(numbers[value]);

    /// <summary>The time's ticks; its kind is the column's (UTC for the app's times).</summary>
    public long TicksAt(int value) => numbers[value];

    public DateOnly DayAt(int value) => DateOnly.FromDayNumber((int)numbers[value]);

    public ReadOnlySpan<byte> TextAt(int value) => text.AsSpan((int)numbers[value], lengths[value]);

    /// <summary>
    /// Whether value <paramref name="value"/> here and <paramref name="otherValue"/> of <paramref name="other"/> are the same
    /// as EF's change tracker compares them: text ordinally, reals by <see cref="double.Equals(double)"/>, times by their ticks.
    /// </summary>
    public bool Same(int value, ModelRows<T> other, int otherValue) =>
        kinds[value] == other.kinds[otherValue] && kinds[value] switch
        {
            Kind.Null => true,
            Kind.Text => TextAt(value).SequenceEqual(other.TextAt(otherValue)),
            Kind.Real => RealAt(value).Equals(other.RealAt(otherValue)),
            _ => numbers[value] == other.numbers[otherValue],
        };

    // The values a column can take, one overload per type the model hands over (after its value converter);
    // ModelColumns compiles the call to the right one for each column.
    internal void Null() => Add(Kind.Null, 0);

    internal void Value(long value) => Add(Kind.Integer, value);

    internal void Value(int value) => Add(Kind.Integer, value);

    internal void Value(short value) => Add(Kind.Integer, value);

    internal void Value(byte value) => Add(Kind.Integer, value);

    internal void Value(bool value) => Add(Kind.Boolean, value ? 1 : 0);

    internal void Value(double value) => Add(Kind.Real, BitConverter.DoubleToInt64Bits(value));

    internal void Value(DateTime value) => Add(Kind.Time, value.Ticks);

    internal void Value(DateOnly value) => Add(Kind.Day, value.DayNumber);

    internal void Value(string value)
    {
        if (textLength + Encoding.UTF8.GetMaxByteCount(value.Length) > text.Length)
            Grow(ref text, textLength, Math.Max(text.Length * 2, textLength + Encoding.UTF8.GetMaxByteCount(value.Length)));
        var bytes = Encoding.UTF8.GetBytes(value, text.AsSpan(textLength));
        Add(Kind.Text, textLength);
        lengths[Values - 1] = bytes;
        textLength += bytes;
    }

    private void Add(Kind kind, long number)
    {
        if (Values == kinds.Length || Values == numbers.Length || Values == lengths.Length)
        {
            Grow(ref kinds, Values, Values * 2);
            Grow(ref numbers, Values, Values * 2);
            Grow(ref lengths, Values, Values * 2);
        }
        kinds[Values] = kind;
        numbers[Values] = number;
        Values++;
    }
}

/// <summary>
/// What the EF model says about an entity type's table: its name, the columns an insert writes (every mapped
/// property but a key the store generates, unless asked for it) and a compiled writer of an entity's values into
/// <see cref="ModelRows{T}"/>. Built once per model (compiling costs about as much as inserting a few hundred rows).
/// </summary>
internal sealed class ModelColumns<T> where T : class
{
    private static readonly ConcurrentDictionary<(IReadOnlyEntityType, bool), ModelColumns<T>> Known = new();

    private readonly Action<T, ModelRows<T>> write;
    private readonly Action<T, long>? setKey;

    private ModelColumns(IEntityType entityType, bool withKey)
    {
        var properties = entityType.GetProperties()
            .Where(p => withKey || !(p.IsPrimaryKey() && p.ValueGenerated.HasFlag(ValueGenerated.OnAdd)))
            .ToList();
        Table = entityType.GetTableName()!;
        Names = [.. properties.Select(p => p.GetColumnName())];
        // The one key column the store generates, alone or beside others (a key of ContactId and Id, as Citus wants it).
        var generatedKey = entityType.FindPrimaryKey()?.Properties.Where(p => p.ValueGenerated == ValueGenerated.OnAdd).ToList() is [var key] ? key : null;
        GeneratedKey = withKey ? null : generatedKey?.GetColumnName();
        GeneratedKeyName = generatedKey?.GetColumnName();
        if (generatedKey?.PropertyInfo is { } keyInfo && keyInfo.PropertyType == typeof(long))
        {
            var target = Expression.Parameter(typeof(T), "entity");
            var id = Expression.Parameter(typeof(long), "id");
            setKey = Expression.Lambda<Action<T, long>>(Expression.Assign(Expression.Property(target, keyInfo), id), target, id).Compile();
        }

        var entity = Expression.Parameter(typeof(T), "entity");
        var rows = Expression.Parameter(typeof(ModelRows<T>), "rows");
        write = Expression.Lambda<Action<T, ModelRows<T>>>(
            Expression.Block(properties.Select(p => WriteColumn(p, entity, rows))), entity, rows).Compile();
    }

    public static ModelColumns<T> Of(IModel model, bool withKey)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        return Known.GetOrAdd((entityType, withKey), _ => new ModelColumns<T>(entityType, withKey));
    }

    public string Table { get; }
    public IReadOnlyList<string> Names { get; }
    public int Count => Names.Count;
    /// <summary>The key column the store fills in when a row is inserted; null when the rows carry their keys.</summary>
    public string? GeneratedKey { get; }

    /// <summary>The column of the key the store generates, whether or not these columns write it.</summary>
    public string? GeneratedKeyName { get; }

    public void Write(T entity, ModelRows<T> rows) => write(entity, rows);

    /// <summary>
    /// Gives <paramref name="entity"/> the id the store generated (or handed out beforehand) for it: for engines that
    /// reserve ids and then write them with the rows (PostgreSQL's COPY, which returns nothing).
    /// </summary>
    public void SetGeneratedKey(T entity, long id) =>
        (setKey ?? throw new InvalidOperationException($"The store does not give {typeof(T).Name} ids of its own."))(entity, id);

    // rows.Value(<the property, through the model's value converter>), or rows.Null() when it is null.
    private static BlockExpression WriteColumn(IProperty property, ParameterExpression entity, ParameterExpression rows)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no CLR property to read.");
        var read = Expression.Variable(info.PropertyType, property.Name);
        var underlying = Nullable.GetUnderlyingType(info.PropertyType);
        Expression value = underlying is null ? read : Expression.Property(read, nameof(Nullable<int>.Value));

        if (((RelationalTypeMapping)property.GetTypeMapping()).Converter is { } converter)
        {
            var toProvider = converter.ConvertToProviderExpression;
            value = ReplacingParameter(toProvider.Body, toProvider.Parameters[0], Expression.Convert(value, toProvider.Parameters[0].Type));
        }
        if (value.Type.IsEnum) value = Expression.Convert(value, typeof(long));
        var method = typeof(ModelRows<T>).GetMethod(nameof(ModelRows<T>.Value), BindingFlags.Instance | BindingFlags.NonPublic, [value.Type])
            ?? throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: values of type {value.Type.Name} are not written by {nameof(ModelRows<T>)}.");
        Expression write = Expression.Call(rows, method, value);

        if (underlying is not null || !info.PropertyType.IsValueType)
        {
            Expression isNull = underlying is null ? Expression.Equal(read, Expression.Constant(null)) : Expression.Not(Expression.Property(read, nameof(Nullable<int>.HasValue)));
            write = Expression.IfThenElse(isNull, Expression.Call(rows, nameof(ModelRows<T>.Null), null), write);
        }
        return Expression.Block([read], Expression.Assign(read, Expression.Property(entity, info)), write);
    }

    private static Expression ReplacingParameter(Expression body, ParameterExpression parameter, Expression with) =>
        new ParameterReplacer(parameter, with).Visit(body);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : node;
    }
}
