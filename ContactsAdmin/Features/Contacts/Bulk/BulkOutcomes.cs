using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// The names a bulk job counts its contacts under (the job's counters): changed ones as <see cref="JobCounters.Updated"/>
/// or <see cref="Deleted"/>, and each reason a contact was left as it was under its own name, so the result says why.
/// </summary>
public static class BulkOutcomes
{
    public const string Changed = JobCounters.Updated;
    public const string Deleted = "deleted";

    public const string AlreadyInCategory = "already in category";
    public const string NotInCategory = "not in category";
    public const string NoEmailAddress = "no email address";
    public const string AlreadyUnsubscribed = "already unsubscribed";
    public const string AlreadyBlacklisted = "already blacklisted";
    public const string AlreadyDeleted = "already deleted";

    /// <summary>The names that count contacts the action changed; every other name is a reason for skipping.</summary>
    public static bool IsChange(string name) => name is Changed or Deleted;

    /// <summary>The counts of a batch, those with none left out (as the import reports them).</summary>
    public static Dictionary<string, long> Of(params (string Name, long Count)[] counts) =>
        counts.Where(c => c.Count > 0).GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
}
