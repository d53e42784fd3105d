using ContactsAdmin.Data;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Profile.Identity;

/// <summary>The matching order on a real database, without HTTP.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class IdentityResolverTests : StoreTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
    }

    private async Task<Resolution> ResolveAsync(ContactIdentifiers identifiers)
    {
        await using var db = NewContext();
        return await IdentityResolver.ResolveAsync(db, identifiers, Ct);
    }

    [Fact]
    public async Task Each_identifier_alone_finds_its_contact_and_says_which_step_found_it()
    {
        var contact = await Store.ContactAsync(c =>
        {
            (c.ExternalId, c.Email, c.Phone) = ("u-1", "olena@example.com", "+380501234567");
            c.Devices.Add(new ContactDevice { DeviceId = "d-1", PushToken = "tok-1", Platform = DevicePlatform.Android });
        });

        Assert.Equal(new Resolution.Found(contact.Id, IdentifierKind.ExternalId, []), await ResolveAsync(new("u-1")), FoundComparer);
        Assert.Equal(new Resolution.Found(contact.Id, IdentifierKind.Email, []), await ResolveAsync(new(Email: "OLENA@example.com")), FoundComparer);
        Assert.Equal(new Resolution.Found(contact.Id, IdentifierKind.Phone, []), await ResolveAsync(new(Phone: "+380501234567")), FoundComparer);
        Assert.Equal(new Resolution.Found(contact.Id, IdentifierKind.Device, []), await ResolveAsync(new(DeviceIds: ["d-1"])), FoundComparer);
        Assert.Equal(new Resolution.Found(contact.Id, IdentifierKind.Device, []), await ResolveAsync(new(PushTokens: ["tok-1"])), FoundComparer);
        Assert.IsType<Resolution.NotFound>(await ResolveAsync(new("u-2", "new@example.com", "+380671234567", ["d-2"], ["tok-2"])));
    }

    [Fact]
    public async Task An_earlier_step_wins_over_a_later_one_that_finds_nothing()
    {
        var contact = await Store.ContactAsync(c => c.Phone = "+380501234567");

        var resolution = await ResolveAsync(new("u-new", "new@example.com", "+380501234567"));

        Assert.Equal(new Resolution.Found(contact.Id, IdentifierKind.Phone, []), resolution, FoundComparer);
    }

    [Fact]
    public async Task Email_and_phone_of_two_contacts_conflict_naming_both_in_matching_order()
    {
        var byPhone = await Store.ContactAsync(c => c.Phone = "+380501234567");
        var byEmail = await Store.ContactAsync(c => c.Email = "taras@example.com");

        var conflict = Assert.IsType<Resolution.Conflict>(await ResolveAsync(new(Email: "taras@example.com", Phone: "+380501234567")));

        Assert.Equal([byEmail.Id, byPhone.Id], conflict.Contacts.Select(c => c.ContactId));
        Assert.Equal([IdentifierKind.Email, IdentifierKind.Phone], conflict.Contacts.Select(c => c.Kind));
    }

    [Fact]
    public async Task An_anonymous_device_contact_is_to_be_merged_into_the_contact_the_external_id_finds()
    {
        var identified = await Store.ContactAsync(c => c.ExternalId = "u-7");
        var anonymous = await Store.ContactAsync(c => c.Devices.Add(new ContactDevice { DeviceId = "d-7", Platform = DevicePlatform.iOS }));

        var found = Assert.IsType<Resolution.Found>(await ResolveAsync(new("u-7", DeviceIds: ["d-7"])));

        Assert.Equal((identified.Id, IdentifierKind.ExternalId), (found.ContactId, found.MatchedBy));
        Assert.Equal([anonymous.Id], found.AnonymousToMerge);
    }

    private static readonly FoundEquality FoundComparer = new();

    private sealed class FoundEquality : IEqualityComparer<Resolution>
    {
        public bool Equals(Resolution? x, Resolution? y) =>
            x is Resolution.Found a && y is Resolution.Found b
            && (a.ContactId, a.MatchedBy) == (b.ContactId, b.MatchedBy) && a.AnonymousToMerge.SequenceEqual(b.AnonymousToMerge);

        public int GetHashCode(Resolution obj) => 0;
    }
}
