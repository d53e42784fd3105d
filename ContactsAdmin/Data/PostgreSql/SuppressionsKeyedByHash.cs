using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// Erased contacts' suppressions keyed by what they are looked up by, (Kind, Hash), on PostgreSQL: Citus can then
/// distribute the table by its Hash (docs/scale-out.md), and every contact write's "is this address suppressed?" asks
/// one shard. The unique index (Kind, Hash) that SQLite keeps beside its rowid key would be a copy of this key, so it
/// goes. Id stays an identity column: rows are still told apart by it in logs and tests.
/// </summary>
internal static class SuppressionsKeyedByHash
{
    public static void Declare(ModelBuilder builder)
    {
        var suppression = builder.Entity<ErasedSuppression>();
        var lookUp = suppression.Metadata.GetIndexes().Single(i => i.IsUnique && i.Properties.Select(p => p.Name).SequenceEqual([nameof(ErasedSuppression.Kind), nameof(ErasedSuppression.Hash)]));
        suppression.Metadata.RemoveIndex(lookUp);
        suppression.HasKey(s => new { s.Kind, s.Hash });
        suppression.Property(s => s.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
    }
}
