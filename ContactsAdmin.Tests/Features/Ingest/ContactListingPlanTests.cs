using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// A page of GET /api/v1/contacts reads its keys in an index's order, seeking to the cursor: no sort of the table and
/// no scan of what came before, however deep the page.
/// </summary>
public class ContactListingPlanTests : TracedStoreTest
{
    protected override async Task SeedAsync(StoreBuilder store)
    {
        for (var i = 0; i < 5; i++) await store.ContactAsync(c => c.LastEditAt = new DateTime(2026, 2, 1, 0, i, 0, DateTimeKind.Utc));
    }

    private async Task<IReadOnlyList<string>> KeyQueryStepsAsync(ContactCursor cursor)
    {
        var listing = new ContactListing(Factory, new ContactApiQueries(Factory, ProfileFieldTable.Standard));
        Recorder.Clear();
        var page = await listing.PageAsync(cursor, 2, Ct);
        Assert.Equal(2, page.Items.Count);
        // The first statement reads the keys; the others load the page's contacts by id.
        return Recorder.Plans[0].Steps;
    }

    [Fact]
    public async Task Paging_by_id_seeks_the_primary_key()
    {
        var steps = await KeyQueryStepsAsync(ContactCursor.Read(null, "2")!);

        Assert.Contains(steps, s => s.StartsWith("SEARCH c USING INTEGER PRIMARY KEY (rowid>?)", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paging_by_last_edit_seeks_its_index_from_the_cursor()
    {
        var since = new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Unspecified);
        var first = ContactCursor.Read(since, null)!;
        var next = ContactCursor.Read(since, first.Next(new DateTime(2026, 2, 1, 0, 1, 0), 2))!;

        foreach (var cursor in new[] { first, next })
        {
            var steps = await KeyQueryStepsAsync(cursor);
            Assert.Contains(steps, s => s.StartsWith("SEARCH c USING COVERING INDEX IX_Contacts_LastEditAt (LastEditAt>?)", StringComparison.Ordinal));
            Assert.DoesNotContain(steps, s => s.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }
}
