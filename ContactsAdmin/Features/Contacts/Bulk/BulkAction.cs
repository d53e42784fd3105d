using System.Text.Json.Serialization;
using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>What a bulk action does to each selected contact. Stored by name in the job's parameters.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BulkAction>))]
public enum BulkAction { AddToCategory, RemoveFromCategory, Unsubscribe, Blacklist, Delete }

/// <summary>Each bulk action's rule and words, declared once: the menu, the dialog, the server check and the job read them.</summary>
public static class BulkActionRules
{
    /// <summary>
    /// The registered policy that allows the action, as the single-contact version asks it: subscriptions and
    /// unsubscribing are edits (Marketers and Admins), the blacklist is the Admins' (as on the card), and deleting is
    /// <see cref="Policies.CanDeleteContacts"/>.
    /// </summary>
    public static string Policy(BulkAction action) => action switch
    {
        BulkAction.Blacklist => Policies.AdminOnly,
        BulkAction.Delete => Policies.CanDeleteContacts,
        _ => Policies.CanEdit,
    };

    public static bool NeedsCategory(BulkAction action) => action is BulkAction.AddToCategory or BulkAction.RemoveFromCategory;

    /// <summary>The menu item, e.g. "Add to category".</summary>
    public static string Label(BulkAction action) => action switch
    {
        BulkAction.AddToCategory => "Add to category",
        BulkAction.RemoveFromCategory => "Remove from category",
        BulkAction.Unsubscribe => "Unsubscribe from email",
        BulkAction.Blacklist => "Add to blacklist",
        BulkAction.Delete => "Delete",
        _ => action.ToString(),
    };

    /// <summary>The job's title and the dialog's question: "Add 3 contacts to Newsletter".</summary>
    public static string Title(BulkAction action, long count, string? categoryName)
    {
        var contacts = count == 1 ? "1 contact" : $"{count:N0} contacts";
        return action switch
        {
            BulkAction.AddToCategory => $"Add {contacts} to {categoryName ?? "a category"}",
            BulkAction.RemoveFromCategory => $"Remove {contacts} from {categoryName ?? "a category"}",
            BulkAction.Unsubscribe => $"Unsubscribe {contacts} from email",
            BulkAction.Blacklist => $"Add {contacts} to the blacklist",
            BulkAction.Delete => $"Delete {contacts}",
            _ => $"{Label(action)}: {contacts}",
        };
    }

    /// <summary>The short name the audit gives the action (with the job's number, see <see cref="BulkAudit"/>).</summary>
    public static string AuditName(BulkAction action) => action switch
    {
        BulkAction.AddToCategory => "add to category",
        BulkAction.RemoveFromCategory => "remove from category",
        BulkAction.Unsubscribe => "unsubscribe",
        BulkAction.Blacklist => "blacklist",
        BulkAction.Delete => "delete",
        _ => action.ToString(),
    };
}
