using System.Security.Claims;
using MudBlazor;

namespace ContactsAdmin.Features.EmailStatuses.Pages;

/// <summary>
/// Taking an address off the blacklist, as the contact card and the Blacklist page both offer it: a removal ends
/// every active entry of the address, so the dialog says why its automatic (System) entries were added, if any,
/// and then asks for the note the service needs for them.
/// </summary>
public static class BlacklistRemoval
{
    /// <returns>What the removal did, or null when the user cancelled.</returns>
    public static async Task<EmailActionOutcome?> AskAndRemoveAsync(this IDialogService dialogs, EmailStatusActions actions, string address, ClaimsPrincipal user)
    {
        var whyAdded = await actions.WhySystemEntriesWereAddedAsync(address);
        var note = whyAdded is null
            ? await EmailNoteDialog.AskAsync(dialogs, "Remove from the blacklist?",
                $"{address} will receive email again unless something else still stops it.",
                "Remove from blacklist", Color.Warning, noteRequired: false)
            : await EmailNoteDialog.AskAsync(dialogs, "Remove an automatic blacklist entry?",
                "Say why it is safe to send to this address again.",
                "Remove from blacklist", Color.Warning, noteRequired: true, explanation: whyAdded);
        return note is null ? null : await actions.RemoveFromBlacklistAsync(address, note, user);
    }
}
