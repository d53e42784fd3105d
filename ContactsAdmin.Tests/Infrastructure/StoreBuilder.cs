using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>Writes a test's own rows straight to the store, with sensible defaults for what it does not care about.</summary>
public sealed class StoreBuilder(TestDatabase database)
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    public async Task<Contact> ContactAsync(Action<Contact>? configure = null)
    {
        var contact = new Contact { CreatedAt = Epoch, LastEditAt = Epoch, Source = ContactSource.Api, EmailStatus = EmailStatus.NoEmail };
        configure?.Invoke(contact);
        if (contact.Email is { } email)
        {
            contact.EmailNormalized ??= EmailRule.Key(email);
            if (contact.EmailStatus == EmailStatus.NoEmail) contact.EmailStatus = EmailStatus.Active;
        }
        await using var db = database.NewContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    public async Task<CustomFieldDefinition> FieldAsync(string key, CustomFieldType type, params string[] options)
    {
        var field = new CustomFieldDefinition { Key = key, Label = key.Replace('_', ' '), Type = type, Options = [.. options] };
        await using var db = database.NewContext();
        db.CustomFieldDefinitions.Add(field);
        await db.SaveChangesAsync();
        return field;
    }

    public async Task ValueAsync(Contact contact, CustomFieldDefinition field, string value)
    {
        var typed = CustomFieldRules.Value(field, value);
        if (!typed.IsValid) throw new ArgumentException(typed.Error);
        var row = new CustomFieldValue { ContactId = contact.Id, FieldId = field.Id };
        typed.Value!.ApplyTo(row);
        await using var db = database.NewContext();
        db.CustomFieldValues.Add(row);
        await db.SaveChangesAsync();
    }

    public async Task<SubscriptionCategory> CategoryAsync(string name)
    {
        var category = new SubscriptionCategory { Key = name.ToLowerInvariant().Replace(' ', '_'), Name = name };
        await using var db = database.NewContext();
        db.SubscriptionCategories.Add(category);
        await db.SaveChangesAsync();
        return category;
    }

    public async Task SubscribeAsync(Contact contact, SubscriptionCategory category, bool subscribed = true)
    {
        await using var db = database.NewContext();
        db.ContactSubscriptions.Add(new ContactSubscription
        {
            ContactId = contact.Id, CategoryId = category.Id, IsSubscribed = subscribed, Since = Epoch, Source = ContactSource.Manual,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Stores the contact's activities as given (ids filled in).</summary>
    public async Task ActivitiesAsync(Contact contact, params IEnumerable<Activity> activities)
    {
        await using var db = database.NewContext();
        foreach (var activity in activities)
        {
            activity.ContactId = contact.Id;
            db.Activities.Add(activity);
        }
        await db.SaveChangesAsync();
    }

    public async Task<Widget> WidgetAsync(WidgetFrequencyPeriod period, int limit, string? name = null)
    {
        var key = $"widget-{Guid.NewGuid():N}";
        var widget = new Widget { Key = key, Name = name ?? key, FrequencyPeriod = period, FrequencyLimit = limit };
        await using var db = database.NewContext();
        db.Widgets.Add(widget);
        await db.SaveChangesAsync();
        return widget;
    }
}
