using ContactsAdmin.Data;
using ContactsAdmin.Profile.Merging;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>One side of a merge as the preview names it.</summary>
public sealed record MergeParty(long Id, string DisplayName, string? Email, string? Phone, string? ExternalId, DateTime LastEditAt);

/// <summary>
/// What merging <see cref="MergedAway"/> into <see cref="Survivor"/> would do: each field where they differ with its
/// default side, and what moves over.
/// </summary>
public sealed record MergePreview(
    MergeParty Survivor,
    MergeParty MergedAway,
    IReadOnlyList<MergeFieldRow> Fields,
    int Devices,
    int Activities,
    int EmailEvents,
    int Subscriptions);
