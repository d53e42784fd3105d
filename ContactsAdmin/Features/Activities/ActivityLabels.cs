using ContactsAdmin.Data;
using MudBlazor;

namespace ContactsAdmin.Features.Activities;

/// <summary>How channels and message statuses are named, drawn and coloured across the activity tab.</summary>
public static class ActivityLabels
{
    public static string Of(ActivityChannel channel) => channel switch
    {
        ActivityChannel.Email => "Email",
        ActivityChannel.Sms => "SMS",
        ActivityChannel.MobilePush => "Mobile push",
        ActivityChannel.WebPush => "Web push",
        ActivityChannel.AppInbox => "App inbox",
        ActivityChannel.InApp => "In-app",
        ActivityChannel.WebWidget => "Web widget",
        ActivityChannel.App => "App",
        _ => "Website",
    };

    public static string IconOf(ActivityChannel channel) => channel switch
    {
        ActivityChannel.Email => Icons.Material.Outlined.Email,
        ActivityChannel.Sms => Icons.Material.Outlined.Sms,
        ActivityChannel.MobilePush => Icons.Material.Outlined.PhoneIphone,
        ActivityChannel.WebPush => Icons.Material.Outlined.NotificationsActive,
        ActivityChannel.AppInbox => Icons.Material.Outlined.Inbox,
        ActivityChannel.InApp => Icons.Material.Outlined.Wysiwyg,
        ActivityChannel.WebWidget => Icons.Material.Outlined.Widgets,
        ActivityChannel.App => Icons.Material.Outlined.TouchApp,
        _ => Icons.Material.Outlined.Language,
    };

    public static string Of(MessageStatus status) => status switch
    {
        MessageStatus.Delivered => "Delivered",
        MessageStatus.Read => "Read",
        MessageStatus.Clicked => "Clicked",
        MessageStatus.Undelivered => "Undelivered",
        MessageStatus.Unsubscribed => "Unsubscribed",
        _ => "Spam complaint",
    };

    // Good news green, bad news red; Delivered, the everyday status, stays quiet.
    public static Color ColorOf(MessageStatus status) => status switch
    {
        MessageStatus.Delivered => Color.Default,
        MessageStatus.Read => Color.Info,
        MessageStatus.Clicked => Color.Success,
        MessageStatus.Undelivered => Color.Error,
        MessageStatus.Unsubscribed => Color.Warning,
        _ => Color.Dark,
    };
}
