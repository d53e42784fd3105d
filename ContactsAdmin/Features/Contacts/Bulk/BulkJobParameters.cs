namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>What a bulk job stores to run on its own, and again after a restart.</summary>
/// <param name="CategoryId">The category to add to or remove from (<see cref="BulkActionRules.NeedsCategory"/>).</param>
public sealed record BulkJobParameters(BulkAction Action, BulkSelection Selection, int? CategoryId)
{
    /// <summary>The background job kind every bulk action runs as.</summary>
    public const string JobKind = "bulk";

    /// <summary>The parameters a bulk job stored.</summary>
    public static BulkJobParameters Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<BulkJobParameters>(json) ?? throw new InvalidOperationException("A bulk job without its parameters.");
}
