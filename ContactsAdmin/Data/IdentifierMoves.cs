using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ContactsAdmin.Data;

/// <summary>
/// The identifiers a tracked save releases and claims (<see cref="ContactIdentifierStore.MoveAsync"/>), read from the change
/// tracker before the save: an added contact or device claims its keys, a changed identifier releases the old key and
/// claims the new one, a deleted contact or device releases its keys. New rows have no id until the save, so a claim
/// keeps the entity and reads its contact's id after it.
/// </summary>
internal sealed class IdentifierMoves
{
    private readonly List<IdentifierKey> released = [];
    private readonly List<(ContactIdentifier Kind, string Value, Func<long> ContactId)> claimed = [];

    /// <summary>Contacts deleted by the save: their untracked devices go by the store's cascade, so their keys are read from the store.</summary>
    public List<long> DeletedContacts { get; } = [];

    public bool IsEmpty => released.Count == 0 && claimed.Count == 0 && DeletedContacts.Count == 0;

    /// <summary>The moves of the tracker's current entries; the caller has detected changes.</summary>
    public static IdentifierMoves Collect(ChangeTracker tracker)
    {
        var moves = new IdentifierMoves();
        foreach (var entry in tracker.Entries<Contact>()) moves.AddContact(entry);
        foreach (var entry in tracker.Entries<ContactDevice>()) moves.AddDevice(entry);
        return moves;
    }

    private void AddContact(EntityEntry<Contact> entry)
    {
        var contact = entry.Entity;
        switch (entry.State)
        {
            case EntityState.Added:
                foreach (var (kind, column, _) in IdentifierColumn.OnContacts)
                    if (entry.Property(column).CurrentValue is string value) claimed.Add((kind, value, () => contact.Id));
                break;
            case EntityState.Modified:
                foreach (var (kind, name, _) in IdentifierColumn.OnContacts)
                {
                    var column = entry.Property(name);
                    var (before, after) = ((string?)column.OriginalValue, (string?)column.CurrentValue);
                    if (!column.IsModified || string.Equals(before, after, StringComparison.Ordinal)) continue;
                    if (before is not null) released.Add(new(kind, before, contact.Id));
                    if (after is not null) claimed.Add((kind, after, () => contact.Id));
                }
                break;
            case EntityState.Deleted:
                DeletedContacts.Add(contact.Id);
                break;
        }
    }

    private void AddDevice(EntityEntry<ContactDevice> entry)
    {
        var device = entry.Entity;
        var contactId = entry.Property(d => d.ContactId);
        foreach (var (kind, name, _) in IdentifierColumn.All.Where(c => c.OnDevices))
        {
            var column = entry.Property(name);
            var (before, after) = ((string?)column.OriginalValue, (string?)column.CurrentValue);
            var moved = entry.State == EntityState.Modified && (column.IsModified || contactId.IsModified)
                && (!string.Equals(before, after, StringComparison.Ordinal) || contactId.OriginalValue != contactId.CurrentValue);
            // A device without an id has "", one without a token null: neither holds anything.
            if ((entry.State == EntityState.Deleted || moved) && before is { Length: > 0 })
                released.Add(new(kind, before, contactId.OriginalValue));
            if ((entry.State == EntityState.Added || moved) && after is { Length: > 0 } value)
                claimed.Add((kind, value, () => device.ContactId));
        }
    }

    /// <summary>The keys released, with <paramref name="deletedContactsHeld"/> (what the deleted contacts held, read before the save).</summary>
    public List<IdentifierKey> Released(IEnumerable<IdentifierKey> deletedContactsHeld) => [.. released, .. deletedContactsHeld];

    /// <summary>The keys claimed, with the ids the save gave new contacts; call it after the save.</summary>
    public List<IdentifierKey> Claimed() => [.. claimed.Select(c => new IdentifierKey(c.Kind, c.Value, c.ContactId()))];
}
