using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContactsAdmin.Data;

namespace ContactsAdmin.Features.AuditLog;

/// <summary>
/// Records a change to the workspace's settings in the audit log (/settings/audit). The entry is added to the
/// caller's context, so it is saved with the change itself or not at all.
/// </summary>
public static class SettingsAudit
{
    /// <summary>The actor of changes made outside a signed-in session (the command line, start-up).</summary>
    public const string SystemActor = "system";

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        // Keep names and values readable in the database and on the page (no \u escapes for accents or quotes).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Adds one entry: <paramref name="before"/> and <paramref name="after"/> are small snapshots of the setting
    /// (an anonymous object of the properties that matter, e.g. <c>new { Label, Group }</c>); null where it did not exist.
    /// </summary>
    public static void Record(AppDbContext db, ClaimsPrincipal? user, SettingsArea area, string subject, string action,
        object? before, object? after, DateTime occurredAt) =>
        Record(db, ActorOf(user), area, subject, action, before, after, occurredAt);

    /// <summary>The same, for a caller that knows the actor by name (the command line passes <see cref="SystemActor"/>).</summary>
    public static void Record(AppDbContext db, string? actor, SettingsArea area, string subject, string action,
        object? before, object? after, DateTime occurredAt)
    {
        db.SettingsChanges.Add(new SettingsChange
        {
            OccurredAt = occurredAt,
            Actor = Truncate(string.IsNullOrWhiteSpace(actor) ? SystemActor : actor, SettingsChange.ActorMaxLength),
            Area = area,
            Subject = Truncate(subject, SettingsChange.SubjectMaxLength),
            Action = Truncate(action, SettingsChange.ActionMaxLength),
            Before = Snapshot(before),
            After = Snapshot(after),
        });
    }

    /// <summary>The name the log shows for whoever made the change.</summary>
    public static string ActorOf(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : SystemActor;

    private static string? Snapshot(object? value) =>
        value is null ? null : Truncate(JsonSerializer.Serialize(value, SnapshotJson), SettingsChange.SnapshotMaxLength);

    private static string Truncate(string value, int maxLength) => value.Length <= maxLength ? value : value[..(maxLength - 1)] + "…";
}
