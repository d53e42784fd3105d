using System.Text;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Rows for one table, held as the values SQLite will bind: integers, reals, NULLs and UTF-8 text in one
/// growing byte buffer. The generating thread fills it (formatting dates and encoding text there), so the
/// writing thread only hands the values to SQLite. Values are stored the way EF Core stores them: enums by name,
/// dates as ISO text in Microsoft.Data.Sqlite's format, booleans as 0 and 1. The text buffer is pinned: SQLite
/// reads bound text in place (see <see cref="PreparedInsert"/>), so the garbage collector must not move it.
/// </summary>
internal sealed class DemoRows(int columns)
{
    public enum Kind : byte { Null, Integer, Real, Text }

    private Kind[] kinds = new Kind[1024];
    // Integers, reals (as their bits) and, for text, where it starts in the buffer.
    private long[] numbers = new long[1024];
    private int[] lengths = new int[1024];
    private byte[] text = GC.AllocateUninitializedArray<byte>(16 * 1024, pinned: true);
    private int textLength;

    public int Columns { get; } = columns;
    public int Values { get; private set; }
    public int Rows => Values / Columns;

    public void Clear() => (Values, textLength) = (0, 0);

    public void Null() => Add(Kind.Null, 0);

    public void Integer(long value) => Add(Kind.Integer, value);

    public void Integer(long? value)
    {
        if (value is { } v) Integer(v);
        else Null();
    }

    public void Real(double? value)
    {
        if (value is { } v) Add(Kind.Real, BitConverter.DoubleToInt64Bits(v));
        else Null();
    }

    public void Boolean(bool value) => Integer(value ? 1 : 0);

    public void Boolean(bool? value)
    {
        if (value is { } v) Boolean(v);
        else Null();
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        AddText(Encoding.UTF8.GetBytes(value, span));
    }

    public void Name<TEnum>(TEnum value) where TEnum : struct, Enum => Text(EnumNames<TEnum>.Of(value));

    public void Name<TEnum>(TEnum? value) where TEnum : struct, Enum
    {
        if (value is { } v) Name(v);
        else Null();
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss.FFFFFFF": Microsoft.Data.Sqlite's text for a DateTime (the fraction without trailing zeros, and no dot when it is zero).</summary>
    public void Date(DateTime value)
    {
        var span = Reserve(27);
        WriteDate(span, value);
        var length = 19;
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            span[19] = (byte)'.';
            for (var i = 26; i >= 20; i--, fraction /= 10) span[i] = (byte)('0' + fraction % 10);
            length = 27;
            while (span[length - 1] == '0') length--;
        }
        AddText(length);
    }

    public void Date(DateTime? value)
    {
        if (value is { } v) Date(v);
        else Null();
    }

    /// <summary>"yyyy-MM-dd", as Microsoft.Data.Sqlite writes a DateOnly.</summary>
    public void Day(DateOnly? value)
    {
        if (value is not { } day)
        {
            Null();
            return;
        }
        var span = Reserve(10);
        WriteDigits(span[..4], day.Year);
        span[4] = (byte)'-';
        WriteDigits(span.Slice(5, 2), day.Month);
        span[7] = (byte)'-';
        WriteDigits(span.Slice(8, 2), day.Day);
        AddText(10);
    }

    public Kind KindAt(int value) => kinds[value];

    public long IntegerAt(int value) => numbers[value];

    public double RealAt(int value) => BitConverter.Int64BitsToDouble(numbers[value]);

    public ReadOnlySpan<byte> TextAt(int value) => text.AsSpan((int)numbers[value], lengths[value]);

    private static void WriteDate(Span<byte> span, DateTime value)
    {
        WriteDigits(span[..4], value.Year);
        span[4] = (byte)'-';
        WriteDigits(span.Slice(5, 2), value.Month);
        span[7] = (byte)'-';
        WriteDigits(span.Slice(8, 2), value.Day);
        span[10] = (byte)' ';
        WriteDigits(span.Slice(11, 2), value.Hour);
        span[13] = (byte)':';
        WriteDigits(span.Slice(14, 2), value.Minute);
        span[16] = (byte)':';
        WriteDigits(span.Slice(17, 2), value.Second);
    }

    private static void WriteDigits(Span<byte> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--, value /= 10) span[i] = (byte)('0' + value % 10);
    }

    private Span<byte> Reserve(int bytes)
    {
        if (textLength + bytes > text.Length)
        {
            var larger = GC.AllocateUninitializedArray<byte>(Math.Max(text.Length * 2, textLength + bytes), pinned: true);
            text.AsSpan(0, textLength).CopyTo(larger);
            text = larger;
        }
        return text.AsSpan(textLength, bytes);
    }

    private void AddText(int bytes)
    {
        Add(Kind.Text, textLength);
        lengths[Values - 1] = bytes;
        textLength += bytes;
    }

    private void Add(Kind kind, long number)
    {
        if (Values == kinds.Length)
        {
            Array.Resize(ref kinds, Values * 2);
            Array.Resize(ref numbers, Values * 2);
            Array.Resize(ref lengths, Values * 2);
        }
        kinds[Values] = kind;
        numbers[Values] = number;
        Values++;
    }

    private static class EnumNames<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, v => v.ToString());

        public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
    }
}
