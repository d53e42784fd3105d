using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Merging;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Contacts.Merging;

/// <summary>The possible duplicates scan: each rule finds its pair, strangers stay apart, a dismissal stays.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class DuplicateScanTests : StoreTest
{
    private DuplicateScan Scan => Services.GetRequiredService<DuplicateScan>();

    private async Task<List<DuplicatePair>> ScanAsync()
    {
        await Scan.RunAsync((_, _) => Task.CompletedTask, Ct);
        await using var db = NewContext();
        return await db.DuplicatePairs.AsNoTracking().OrderByDescending(p => p.Score).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_gmail_address_with_dots_and_a_plus_tag_pairs_with_the_plain_one()
    {
        var plain = await Store.ContactAsync(c => c.Email = "olena.koval@gmail.com");
        var tagged = await Store.ContactAsync(c => c.Email = "OlenaKoval+news@googlemail.com");

        var pair = Assert.Single(await ScanAsync());

        Assert.Equal((plain.Id, tagged.Id, 95), (pair.FirstId, pair.SecondId, pair.Score));
        Assert.Contains("email", pair.Reason);
    }

    [Fact]
    public async Task An_outlook_plus_tag_pairs_but_its_dots_count()
    {
        await Store.ContactAsync(c => c.Email = "ivan.p@outlook.com");
        await Store.ContactAsync(c => c.Email = "ivan.p+shop@outlook.com");
        await Store.ContactAsync(c => c.Email = "ivanp@outlook.com");

        Assert.Single(await ScanAsync());
    }

    [Fact]
    public async Task The_same_name_and_birth_date_pair_ignoring_case_and_accents()
    {
        var born = new DateOnly(1990, 5, 17);
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.BirthDate) = ("Zoë", "Ångström", born));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.BirthDate) = ("zoe", " ANGSTROM ", born));

        var pair = Assert.Single(await ScanAsync());

        Assert.Equal((80, "Same name and birth date"), (pair.Score, pair.Reason));
    }

    [Fact]
    public async Task The_same_name_and_city_pair_and_more_rules_make_a_surer_match()
    {
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City) = ("Petro", "Bondar", "Lviv"));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City) = ("Petro", "Bondar", "lviv"));
        var born = new DateOnly(1985, 1, 2);
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City, c.BirthDate) = ("Anna", "Moroz", "Kyiv", born));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City, c.BirthDate) = ("Anna", "Moroz", "Kyiv", born));

        var pairs = await ScanAsync();

        Assert.Equal([92, 60], pairs.Select(p => p.Score));
        Assert.Equal("Same name and birth date; Same name and city", pairs[0].Reason);
    }

    [Fact]
    public async Task Unrelated_contacts_are_not_paired()
    {
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City, c.Email) = ("Petro", "Bondar", "Lviv", "petro@example.com"));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City, c.Email) = ("Petro", "Bondar", "Kyiv", "p.etro@example.com"));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City) = ("Petro", null, "Lviv"));
        await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City) = ("Petro", null, "Lviv"));

        Assert.Empty(await ScanAsync());
    }

    [Fact]
    public async Task A_dismissed_pair_stays_dismissed_after_the_next_scan_and_a_pair_no_longer_alike_goes()
    {
        var a = await Store.ContactAsync(c => c.Email = "same.person@gmail.com");
        await Store.ContactAsync(c => c.Email = "sameperson@gmail.com");
        var c = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City) = ("Iryna", "Melnyk", "Dnipro"));
        var d = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City) = ("Iryna", "Melnyk", "Dnipro"));
        var pair = (await ScanAsync()).Single(p => p.FirstId == a.Id);
        Assert.True(await Services.GetRequiredService<DuplicateQueries>().DismissAsync(TestUsers.Marketer(), pair.Id, Ct));
        await using (var db = NewContext())
            await db.Contacts.Where(x => x.Id == d.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.City, "Odesa"), Ct);

        var after = await ScanAsync();

        var kept = Assert.Single(after);
        Assert.Equal(pair.Id, kept.Id);
        Assert.NotNull(kept.DismissedAt);
        Assert.DoesNotContain(after, p => p.FirstId == c.Id);
        Assert.Empty((await Services.GetRequiredService<DuplicateQueries>().ListAsync(0, 25, Ct)).Rows);
    }

    [Fact]
    public async Task The_list_ranks_pairs_by_score_with_both_contacts()
    {
        var a = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City, c.Email) = ("Petro", "Bondar", "Lviv", "p.bondar@gmail.com"));
        var b = await Store.ContactAsync(c => (c.FirstName, c.LastName, c.City) = ("Petro", "Bondar", "Lviv"));
        await Store.ContactAsync(c => c.Email = "pbondar+x@gmail.com");
        await ScanAsync();

        var page = await Services.GetRequiredService<DuplicateQueries>().ListAsync(0, 25, Ct);

        Assert.Equal(2, page.Total);
        Assert.Equal([95, 60], page.Rows.Select(r => r.Score));
        Assert.Equal((a.Id, b.Id, "Petro Bondar"), (page.Rows[1].First.Id, page.Rows[1].Second.Id, page.Rows[1].Second.DisplayName));
    }
}
