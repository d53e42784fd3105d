using System.Net;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Contacts.Bulk;
using ContactsAdmin.Tests.Features.Export;
using ContactsAdmin.Tests.Infrastructure;
using ContactsAdmin.Tests.Web;

namespace ContactsAdmin.Tests.Features.Contacts.Bulk;

/// <summary>The export of a selection over real HTTP: the grid's CSV holding only the picked rows, or the whole filter for "all matching".</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class BulkExportTests(ExportAppFixture fixture) : IClassFixture<ExportAppFixture>
{
    private async Task<List<long>> ExportedIdsAsync(string uri)
    {
        using var session = new BrowserlessSession(fixture.App);
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        using var response = await session.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = CsvText.Records(await response.Content.ReadAsByteArrayAsync(TestRun.Ct));
        return [.. CsvText.Column(records, "Contact ID").Select(long.Parse)];
    }

    [Fact]
    public async Task The_export_of_picked_rows_holds_those_rows_only_and_all_matching_holds_the_filter()
    {
        var word = "bx" + Guid.NewGuid().ToString("N")[..8];
        var contacts = new List<long>();
        foreach (var name in new[] { "Anna", "Boris", "Cyril" })
            contacts.Add((await fixture.Store.ContactAsync(c => (c.FirstName, c.LastName) = (name, word))).Id);
        var view = ContactGridView.FromUri($"/contacts?q={word}&sort=name");
        var page = contacts;
        var selection = new GridSelection();
        selection.KeepFor(view.ToQuery(TimeZoneInfo.Utc).Filter);
        selection.Toggle(page, contacts[0], range: false);
        selection.Toggle(page, contacts[2], range: false);

        var picked = await ExportedIdsAsync(BulkExport.Href(view, selection, TimeZoneInfo.Utc)!);
        selection.SelectAllMatching(3);
        var all = await ExportedIdsAsync(BulkExport.Href(view, selection, TimeZoneInfo.Utc)!);

        Assert.Equal([contacts[0], contacts[2]], picked);
        Assert.Equal(contacts, all);
    }
}
