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
public sealed class SuppressionHasher
{
    /// <summary>256 bits, as HMAC-SHA256 wants its key.</summary>
    public const int KeyBytes = 32;

    private readonly byte[] key;

    public SuppressionHasher(byte[] key)
    {
        if (key.Length != KeyBytes) throw new ArgumentException($"The key has {KeyBytes} bytes.", nameof(key));
        this.key = [.. key];
    }

    /// <summary>A hasher with a key of its own, for a store that lives no longer than the process (in memory).</summary>
    public static SuppressionHasher Ephemeral() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>Lower-case hex, <see cref="ErasedSuppression.HashLength"/> characters; the kind is part of the input, so an email and a phone never share a hash.</summary>
    public string Hash(SuppressedIdentifier kind, string normalized) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{kind}:{normalized}")));

    public string? Email(string? emailNormalized) => emailNormalized is null ? null : Hash(SuppressedIdentifier.Email, emailNormalized);

    public string? Phone(string? phone) => phone is null ? null : Hash(SuppressedIdentifier.Phone, phone);
}
