using ContactsAdmin.Data;

namespace ContactsAdmin.Features.AuditLog;

public static class SettingsAreaLabel
{
    public static string Of(SettingsArea area) => area switch
    {
        SettingsArea.CustomField => "Custom field",
        SettingsArea.Category => "Subscription category",
        SettingsArea.Widget => "Web widget",
        SettingsArea.Form => "Subscription form",
        SettingsArea.User => "User",
        SettingsArea.ApiKey => "API key",
        SettingsArea.Export => "Export",
        SettingsArea.Contact => "Contact",
        SettingsArea.Segment => "Segment",
        _ => area.ToString(),
    };
}
