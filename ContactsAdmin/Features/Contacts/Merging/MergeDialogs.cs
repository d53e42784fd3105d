using MudBlazor;

namespace ContactsAdmin.Features.Contacts.Merging;

/// <summary>Opens the merge dialog the same way from the card and the duplicates page.</summary>
public static class MergeDialogs
{
    /// <summary>The surviving contact's id once merged; null when the user cancelled.</summary>
    public static async Task<long?> OpenAsync(IDialogService dialogs, long survivorId, long? mergedAwayId)
    {
        var parameters = new DialogParameters<MergeDialog> { { d => d.SurvivorId, survivorId }, { d => d.MergedAwayId, mergedAwayId } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<MergeDialog>("Merge contacts", parameters, options);
        return await dialog.Result is { Canceled: false, Data: long survivor } ? survivor : null;
    }
}
