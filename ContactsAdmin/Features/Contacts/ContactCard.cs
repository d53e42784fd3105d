using ContactsAdmin.Data;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Features.Contacts;

/// <summary>Everything the Contact Information tab shows, read in one go.</summary>
public sealed record ContactCard(
    Contact Contact,
    IReadOnlyList<ContactDevice> Devices,
    IReadOnlyList<CardFieldGroup> FieldGroups,
    IReadOnlyList<CardSubscription> Subscriptions,
    EmailStatusState? EmailState,
    IReadOnlyList<EmailEvent> EmailEvents,
    IReadOnlyList<AuditEntry> History)
{
    public string DisplayName => ContactNames.Display(Contact.FirstName, Contact.LastName, Contact.Email, Contact.Id);
}

/// <summary>A "list of fields" on the card and its fields with this contact's values (null when unset).</summary>
public sealed record CardFieldGroup(string Name, IReadOnlyList<CardFieldValue> Fields);

public sealed record CardFieldValue(CustomFieldDefinition Field, TypedFieldValue? Value);

public enum SubscriptionState { NeverSubscribed, Subscribed, Unsubscribed }

/// <summary>One category with the contact's state in it, since when and through what.</summary>
public sealed record CardSubscription(SubscriptionCategory Category, SubscriptionState State, DateTime? Since, ContactSource? Source);
