using System.Security.Cryptography;
using System.Text;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Erasure;

namespace ContactsAdmin.Tests.Profile.Erasure;

/// <summary>
/// The hashes erased contacts' suppressions are stored and found by. They must stay what stores already hold: a hasher
/// that changed its output would find no suppression written before, and every erased address could be imported again.
/// </summary>
public sealed class SuppressionHasherTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, SuppressionHasher.KeyBytes).Select(i => (byte)i)];

    [Theory]
    [InlineData(SuppressedIdentifier.Email, "olena@example.com")]
    [InlineData(SuppressedIdentifier.Phone, "+380501234567")]
    [InlineData(SuppressedIdentifier.Email, "zoë@приклад.укр")]
    public void A_value_hashes_to_the_HMAC_SHA256_of_its_kind_and_value_in_lower_case_hex(SuppressedIdentifier kind, string value)
    {
        using var hasher = new SuppressionHasher(Key);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{kind}:{value}")));
        Assert.Equal(expected, hasher.Hash(kind, value));
        Assert.Equal(expected, hasher.Hash(kind, value));   // again: nothing of the first value is left in the hash state
    }

    [Fact]
    public void Threads_hashing_at_once_each_get_their_own_values_hashes()
    {
        using var hasher = new SuppressionHasher(Key);
        var values = Enumerable.Range(0, 20_000).Select(i => $"contact{i}@example.com").ToArray();

        var hashes = new string[values.Length];
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => hashes[i] = hasher.Hash(SuppressedIdentifier.Email, values[i]));

        var expected = values.Select(v => Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"Email:{v}"))));
        Assert.Equal(expected, hashes);
    }

    [Fact]
    public void An_email_and_a_phone_with_the_same_text_never_share_a_hash()
    {
        using var hasher = new SuppressionHasher(Key);
        Assert.NotEqual(hasher.Hash(SuppressedIdentifier.Email, "12345"), hasher.Hash(SuppressedIdentifier.Phone, "12345"));
    }
}
