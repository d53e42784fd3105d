using System.Globalization;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;
using BogusGender = Bogus.DataSets.Name.Gender;

namespace ContactsAdmin.Features.Demo;

/// <summary>
/// Makes the people: identifiers, personal data, devices, custom field values and subscriptions. Contact
/// number <c>index</c> always comes out the same for the same seed and day; identifiers are unique because
/// the factory remembers what it gave out (so contacts must be made in index order). Names and addresses come
/// from Bogus through each market's <see cref="DemoValuePool"/>.
/// </summary>
internal sealed class DemoContactFactory(int seed, DateTime today, DemoDefinitions definitions, DemoTakenIdentifiers taken)
{
    private static readonly TimeSpan LongestHistory = TimeSpan.FromDays(730);

    private static readonly ContactKind[] Kinds = [ContactKind.Regular, ContactKind.WithoutEmail, ContactKind.Anonymous];
    private static readonly float[] KindWeights = [93f, 4f, 3f];
    private static readonly Gender[] Genders = [Gender.Female, Gender.Male, Gender.Unspecified, Gender.Other];
    private static readonly float[] GenderWeights = [48f, 48f, 3f, 1f];
    private static readonly ContactSource[] Sources =
        [ContactSource.SubscriptionForm, ContactSource.Order, ContactSource.MobileApp, ContactSource.Import, ContactSource.Api, ContactSource.Event, ContactSource.Manual];
    private static readonly float[] SourceWeights = [25f, 20f, 15f, 15f, 10f, 5f, 10f];
    private static readonly string[] Editors = [.. DemoCatalog.Admins, .. DemoCatalog.ApiKeys, DemoCatalog.ImportFiles[1]];
    private static readonly DevicePlatform[] Platforms = [DevicePlatform.Android, DevicePlatform.iOS, DevicePlatform.Web];
    private static readonly float[] PlatformWeights = [45f, 35f, 20f];
    private static readonly float[] TierWeights = [50f, 30f, 15f, 5f];
    private static readonly ContactSource[] LeaveSources = [ContactSource.SubscriptionForm, ContactSource.Api, ContactSource.Manual];
    private static readonly string[] UserNameSeparators = [".", "_"];

    /// <summary>
    /// Contact number <paramref name="index"/>; the first ones are the known <see cref="DemoContacts"/>. Returns
    /// null for a known contact whose identifiers are already taken (seeding on top of existing data). A heavy
    /// user (one with a very long activity history) has been a customer for nearly two years and is reachable on
    /// every channel: email, phone, the app and web push.
    /// </summary>
    public DemoContactDraft? Create(int index, bool heavyUser = false)
    {
        var random = DemoSeeds.For(seed, index, DemoSeeds.Person);
        var known = index < DemoContacts.All.Count ? DemoContacts.All[index] : null;
        if (known is not null && IsTaken(known)) return null;
        var locale = known is null ? DemoLocales.Pick(random) : DemoLocales.All.First(l => l.BogusLocale == known.Locale);

        var kind = known is null ? PickKind(random) : known.Email is null ? ContactKind.WithoutEmail : ContactKind.Regular;
        if (heavyUser) kind = ContactKind.Regular;
        var longestMinutes = (int)LongestHistory.TotalMinutes;
        var contact = new Contact
        {
            // Known contacts are old enough for their email story; the others arrived any time in two years.
            CreatedAt = known is null
                ? today - TimeSpan.FromMinutes(random.Int(heavyUser ? longestMinutes * 4 / 5 : 60, longestMinutes))
                : today.AddDays(-400 + 9 * index).AddHours(10),
            Language = locale.Language,
        };
        var region = locale.PickRegion(random);
        contact.TimeZone = region.TimeZone;
        contact.Country = locale.Country;

        if (kind == ContactKind.Anonymous)
        {
            contact.Source = ContactSource.MobileApp;
            contact.LastEditAt = contact.CreatedAt;
            contact.LastEditBy = CreatorOf(contact.Source, random);
        }
        else
        {
            FillPerson(contact, known, kind, locale, region, random, index, heavyUser);
        }

        var scenario = contact.Email is null ? (DemoEmailScenario?)null
            : known?.Scenario ?? DemoEmailScenarios.Pick(random, today - contact.CreatedAt);
        var draft = new DemoContactDraft(contact, locale, scenario)
        {
            IsKnown = known is not null,
            ShowsWidgetBeyondFrequency = known?.Email == DemoContacts.KnownIdsEmail,
        };

        AddDevices(draft, kind, known, heavyUser, random);
        if (kind != ContactKind.Anonymous)
        {
            AddFieldValues(draft, random);
            AddSubscriptions(draft, random);
            AddInterests(draft, DemoSeeds.For(seed, index, DemoSeeds.Interests));
        }
        return draft;
    }

    private bool IsTaken(DemoContact known) =>
        (known.Email is not null && taken.Emails.Contains(known.Email))
        || (known.Phone is not null && taken.Phones.Contains(known.Phone))
        || (known.ExternalId is not null && taken.ExternalIds.Contains(known.ExternalId));

    private enum ContactKind { Regular, WithoutEmail, Anonymous }

    private static ContactKind PickKind(DemoRandom random) => random.Weighted(Kinds, KindWeights);

    private void FillPerson(Contact contact, DemoContact? known, ContactKind kind, DemoLocale locale, DemoRegion region, DemoRandom random, int index, bool heavyUser)
    {
        var values = locale.Values();
        contact.Gender = known?.Gender ?? random.Weighted(Genders, GenderWeights);
        var nameGender = contact.Gender switch
        {
            Gender.Female => BogusGender.Female,
            Gender.Male => BogusGender.Male,
            _ => random.Bool() ? BogusGender.Female : BogusGender.Male,
        };
        var firstName = random.Pick(values.FirstNames(nameGender));
        var lastName = random.Pick(values.LastNames(nameGender));
        contact.FirstName = known?.FirstName ?? firstName.Name;
        contact.LastName = known?.LastName ?? lastName.Name;

        if (known is not null)
        {
            contact.Email = known.Email;
            if (known.Email is not null) taken.Emails.Add(known.Email);
        }
        else if (kind == ContactKind.Regular)
        {
            contact.Email = UniqueEmail(firstName, lastName, locale, random);
        }
        contact.EmailNormalized = contact.Email?.ToLowerInvariant();

        var wantsPhone = known is not null || heavyUser || kind == ContactKind.WithoutEmail || random.Bool(0.7);
        contact.Phone = known?.Phone ?? (wantsPhone ? UniquePhone(locale, region, random) : null);
        if (contact.Phone is not null) taken.Phones.Add(contact.Phone);

        if (random.Bool(0.8))
            contact.BirthDate = DateOnly.FromDateTime(today.AddDays(-random.Int(18 * 365, 80 * 365)));
        if (known is not null || random.Bool(0.8))
        {
            contact.Region = region.Name;
            contact.City = random.Pick(values.Cities);
            contact.Street = random.Pick(values.Streets);
            contact.PostCode = random.Pick(values.PostCodes);
        }

        contact.Source = known is not null ? ContactSource.SubscriptionForm : random.Weighted(Sources, SourceWeights);
        if (kind == ContactKind.WithoutEmail && contact.Source == ContactSource.SubscriptionForm)
            contact.Source = ContactSource.Order;

        // Back ends that know the customer send their own id; forms and hand-made contacts rarely do.
        var externalId = known?.ExternalId
            ?? ((contact.Source is ContactSource.Order or ContactSource.Api or ContactSource.MobileApp or ContactSource.Import) && random.Bool(0.6)
                ? $"crm-{200000 + index}" : null);
        if (externalId is not null && taken.ExternalIds.Add(externalId)) contact.ExternalId = externalId;

        var edited = random.Bool(0.6);
        contact.LastEditAt = edited ? contact.CreatedAt + (today - contact.CreatedAt) * random.Double(0.05, 1) : contact.CreatedAt;
        contact.LastEditBy = edited
            ? random.Pick(Editors)
            : CreatorOf(contact.Source, random);
        contact.Version = edited ? random.Int(1, 6) : 0;
    }

    private static string CreatorOf(ContactSource source, DemoRandom random) =>
        source == ContactSource.Manual ? random.Pick(DemoCatalog.Admins) : EditorOf(source);

    /// <summary>Who makes a later change from this source (the creator's name for it, without a random pick).</summary>
    private static string EditorOf(ContactSource source) => source switch
    {
        ContactSource.Manual => DemoCatalog.Admins[0],
        ContactSource.Import => DemoCatalog.ImportFiles[1],
        ContactSource.SubscriptionForm => "Form 'newsletter-footer'",
        ContactSource.MobileApp => DemoCatalog.ApiKeys[1],
        _ => DemoCatalog.ApiKeys[0],
    };

    private string UniqueEmail(DemoName first, DemoName last, DemoLocale locale, DemoRandom random)
    {
        // The transliterated name (Олена Коваль → Olena.Koval) in one of the usual patterns.
        var local = random.Int(0, 2) switch
        {
            0 => first.EmailPart + random.Int(0, 99).ToString(CultureInfo.InvariantCulture),
            1 => first.EmailPart + random.Pick(UserNameSeparators) + last.EmailPart,
            _ => first.EmailPart + random.Pick(UserNameSeparators) + last.EmailPart + random.Int(0, 99).ToString(CultureInfo.InvariantCulture),
        };
        local = local.Trim('.', '_', '-');
        if (local.Length == 0) local = "customer";
        // Most people type their address in lower case; some keep the capitals, which EmailNormalized folds.
        if (random.Bool(0.85)) local = local.ToLowerInvariant();
        var domain = random.Pick(locale.EmailDomains);
        var email = $"{local}@{domain}";
        while (!taken.Emails.Add(email.ToLowerInvariant()))
            email = $"{local}{random.Int(1, 9999).ToString(CultureInfo.InvariantCulture)}@{domain}";
        return email;
    }

    private string UniquePhone(DemoLocale locale, DemoRegion region, DemoRandom random)
    {
        string phone;
        do phone = locale.MobileNumber(random, region);
        while (taken.Phones.Contains(phone));
        return phone;
    }

    private void AddDevices(DemoContactDraft draft, ContactKind kind, DemoContact? known, bool heavyUser, DemoRandom random)
    {
        if (heavyUser)
        {
            AddDevice(random.Bool(0.55) ? DevicePlatform.Android : DevicePlatform.iOS);
            AddDevice(DevicePlatform.Web);
        }
        else if (kind == ContactKind.Anonymous)
        {
            AddDevice(random.Bool(0.55) ? DevicePlatform.Android : DevicePlatform.iOS);
        }
        else if (known?.Email == DemoContacts.KnownIdsEmail)
        {
            AddDevice(DevicePlatform.iOS);
            AddDevice(DevicePlatform.Web);
        }
        else if (known is null && random.Bool(0.3))
        {
            var count = random.Bool(0.8) ? 1 : 2;
            for (var i = 0; i < count; i++) AddDevice(random.Weighted(Platforms, PlatformWeights));
        }

        void AddDevice(DevicePlatform platform)
        {
            var device = DemoDevices.Create(platform, draft, today, random, taken.PushTokens);
            draft.Devices.Add(device);
            draft.Edited(device.FirstSeenAt, DemoCatalog.ApiKeys[1]);   // the app registered it
        }
    }

    private void AddFieldValues(DemoContactDraft draft, DemoRandom random)
    {
        var contact = draft.Contact;
        var values = draft.FieldValues;

        var tier = random.Bool(0.85) ? random.Weighted(DemoCatalog.LoyaltyTiers, TierWeights) : null;
        if (tier is not null && definitions.Field("loyalty_tier", CustomFieldType.Choice) is { } tierField && tierField.Options.Contains(tier))
            values.Add(new CustomFieldValue { FieldId = tierField.Id, TextValue = tier });

        if (tier is not null && random.Bool(0.9) && definitions.Field("lifetime_value", CustomFieldType.Number) is { } valueField)
        {
            var (low, high) = tier switch { "bronze" => (20, 300), "silver" => (300, 1000), "gold" => (1000, 5000), _ => (5000, 25000) };
            values.Add(new CustomFieldValue { FieldId = valueField.Id, NumberValue = Math.Round(random.Double(low, high), 2) });
        }

        if (random.Bool(0.8) && definitions.Field("vip", CustomFieldType.Boolean) is { } vipField)
        {
            var vip = tier switch { "platinum" => true, "gold" => random.Bool(), _ => random.Bool(0.03) };
            values.Add(new CustomFieldValue { FieldId = vipField.Id, BoolValue = vip });
        }

        var hasOrdered = contact.Source == ContactSource.Order || random.Bool(0.65);
        if (hasOrdered && definitions.Field("last_order_date", CustomFieldType.Date) is { } orderField)
        {
            var lastOrder = contact.CreatedAt + (today - contact.CreatedAt) * random.Double(0.2, 1);
            values.Add(new CustomFieldValue { FieldId = orderField.Id, DateValue = DateOnly.FromDateTime(lastOrder) });
            draft.Edited(lastOrder, DemoCatalog.ApiKeys[0]);   // the shop's back end sends each order
        }

        if (random.Bool(0.6) && definitions.Field("favourite_category", CustomFieldType.Text) is { } favouriteField)
            values.Add(new CustomFieldValue { FieldId = favouriteField.Id, TextValue = random.Pick(DemoCatalog.ShopCategories) });
    }

    /// <summary>About half the people name one to three interests, stored as the rule stores a multi-choice value.</summary>
    private void AddInterests(DemoContactDraft draft, DemoRandom random)
    {
        if (!random.Bool(0.5) || definitions.Field("interests", CustomFieldType.MultiChoice) is not { } field || field.Options.Count == 0) return;
        var count = random.Int(1, Math.Min(3, field.Options.Count));
        var chosen = new HashSet<string>();
        while (chosen.Count < count) chosen.Add(random.Pick(field.Options));
        draft.FieldValues.Add(new CustomFieldValue { FieldId = field.Id, TextValue = MultiChoiceValue.Encode(field.Options.Where(chosen.Contains)) });
    }

    private void AddSubscriptions(DemoContactDraft draft, DemoRandom random)
    {
        var contact = draft.Contact;
        if (contact.Email is null && contact.Phone is null) return;
        for (var i = 0; i < definitions.Categories.Count; i++)
        {
            var uptake = i < DemoCatalog.CategoryUptake.Length ? DemoCatalog.CategoryUptake[i] : 0.2f;
            if (!random.Bool(uptake)) continue;
            var subscribed = contact.CreatedAt.AddMinutes(random.Int(0, 3 * 24 * 60));
            if (subscribed >= today) subscribed = contact.CreatedAt;
            var subscription = new ContactSubscription
            {
                CategoryId = definitions.Categories[i].Id,
                IsSubscribed = true,
                Since = subscribed,
                Source = random.Bool() ? contact.Source : ContactSource.SubscriptionForm,
            };
            // Some left the category later, in the preference centre, through the API or by asking support.
            if (random.Bool(0.15))
            {
                subscription.IsSubscribed = false;
                subscription.Since = subscribed + (today - subscribed) * random.Double(0.1, 0.95);
                subscription.Source = random.Pick(LeaveSources);
            }
            draft.Subscriptions.Add(subscription);
            draft.Edited(subscription.Since, EditorOf(subscription.Source));
        }
    }
}
