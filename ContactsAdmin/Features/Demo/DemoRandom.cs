namespace ContactsAdmin.Features.Demo;

/// <summary>
/// A seeded stream of random draws for one contact and purpose (see <see cref="DemoSeeds"/>): SplitMix64, small
/// and fast. Bogus's Randomizer builds a System.Random per stream and takes a lock per draw, which at a million
/// contacts cost more than writing them; Bogus still supplies the demo's values, drawn once into
/// <see cref="DemoValuePools"/>. Ranges are inclusive at both ends, as Bogus's are.
/// </summary>
internal sealed class DemoRandom(ulong seed)
{
    private const string HexDigits = "0123456789abcdef";
    private const string AlphaNumerics = "0123456789abcdefghijklmnopqrstuvwxyz";

    private ulong state = seed;

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = state += 0x9E37_79B9_7F4A_7C15;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>In [0, 1).</summary>
    public double Double() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>In [min, max).</summary>
    public double Double(double min, double max) => min + Double() * (max - min);

    /// <summary>From <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Int(int min, int max)
    {
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), $"{max} is below {min}.");
        var range = (ulong)((long)max - min + 1);
        // The high half of a 64x64-bit product spreads the draw over the range without a division.
        return (int)(min + (long)Math.BigMul(NextUInt64(), range, out _));
    }

    public bool Bool() => (NextUInt64() >> 63) != 0;

    /// <summary>True with the given chance (0 to 1).</summary>
    public bool Bool(double chance) => Double() < chance;

    public T Pick<T>(T[] items) => items[Int(0, items.Length - 1)];

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];

    /// <summary>
    /// Picks an item with a chance proportional to its weight; relative weights such as 66 and 3 read better in
    /// the tables here than fractions that add up to 1.
    /// </summary>
    public T Weighted<T>(T[] items, float[] weights)
    {
        if (items.Length == 0 || items.Length != weights.Length)
            throw new ArgumentException("Give one weight per item, and at least one item.", nameof(weights));
        var total = 0d;
        foreach (var weight in weights) total += weight;
        var roll = Double() * total;
        for (var i = 0; i < items.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return items[i];
        }
        return items[^1];
    }

    public string Digits(int count) => Characters(count, "0123456789");

    /// <summary>Lower-case hexadecimal digits.</summary>
    public string Hex(int count) => Characters(count, HexDigits);

    /// <summary>Digits and lower-case letters.</summary>
    public string AlphaNumeric(int count) => Characters(count, AlphaNumerics);

    /// <summary>A version 4 (random) UUID.</summary>
    public Guid Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);   // version 4 (Guid's byte order puts it in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(bytes);
    }

    private string Characters(int count, string alphabet) =>
        string.Create(count, (Random: this, Alphabet: alphabet), static (span, x) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = x.Alphabet[x.Random.Int(0, x.Alphabet.Length - 1)];
        });
}
