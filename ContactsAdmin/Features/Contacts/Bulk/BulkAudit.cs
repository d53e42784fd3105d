namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>How a bulk job signs what it writes: the user who started it, the action and the job's number.</summary>
public static class BulkAudit
{
    /// <summary>The audit's actor and the contact's "last edit by", e.g. "jane@example.com (bulk add to category, job #12)".</summary>
    public static string Actor(string startedBy, BulkAction action, long jobId)
    {
        var suffix = $" (bulk {BulkActionRules.AuditName(action)}, job #{jobId})";
        // The audit's actor column holds 256 characters: a long address is shortened, the job's number stays.
        var room = MaxLength - suffix.Length;
        return (startedBy.Length <= room ? startedBy : startedBy[..room]) + suffix;
    }

    private const int MaxLength = 256;

    /// <summary>The note on the email events a bulk job records.</summary>
    public static string Note(BulkAction action, long jobId) => $"Bulk {BulkActionRules.AuditName(action)}, job #{jobId}";
}
