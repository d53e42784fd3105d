namespace ContactsAdmin.Data;

// Enums are stored by name (see AppDbContext.ConfigureConventions), so the database stays readable
// and reordering members never changes stored data.

/// <summary>How the system first heard of the contact.</summary>
public enum ContactSource { Manual, Import, SubscriptionForm, Order, Api, MobileApp, Event }

public enum Gender { Unspecified, Female, Male, Other }

public enum DevicePlatform { iOS, Android, Web }

/// <summary>The status shown for a contact's email; <see cref="NoEmail"/> when it has none.</summary>
public enum EmailStatus { NoEmail, Active, Unsubscribed, ReportedSpam, Blacklisted }

public enum EmailEventKind
{
    Delivered, SoftBounce, HardBounce, SpamComplaint, SpamTrapHit,
    Unsubscribed, Resubscribed, BlacklistAdded, BlacklistRemoved,
}

public enum UnsubscribeReason { UnsubscribeLink, ListUnsubscribeHeader, PreferenceCentre, ByUserOnRequest, Api, Import }

public enum BlacklistReason { NonExistentAddress, InactiveAddress, MailboxFull, SpamTrap, Manual }

/// <summary>System entries come from delivery results; Local entries are added by an Admin.</summary>
public enum BlacklistScope { System, Local }

/// <summary>Choice holds one of the field's options; MultiChoice any number of them.</summary>
public enum CustomFieldType { Text, Number, Date, Boolean, Choice, MultiChoice }

/// <summary>What a settings change was made to, as the audit log filters by it.</summary>
public enum SettingsArea { CustomField, Category, Widget, Form, User, ApiKey, Export, Contact, Segment }

public enum ActivityChannel { Email, Sms, MobilePush, WebPush, AppInbox, InApp, WebWidget, App, Website }

/// <summary>Message statuses; app and website events have none.</summary>
public enum MessageStatus { Delivered, Read, Clicked, Undelivered, Unsubscribed, Spam }

public enum WidgetFrequencyPeriod { Session, Day, Week, Lifetime }

/// <summary>Who or what made a change: a signed-in user, an API key, an import, or the system itself.</summary>
public enum ChangeSource { User, ApiKey, Import, System }
