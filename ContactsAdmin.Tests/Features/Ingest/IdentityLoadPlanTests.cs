using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Profile.Identity;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Features.Ingest;

/// <summary>
/// A bulk write reads the contacts its items name with one query per chunk of thousands of identifiers. It must
/// look each identifier up in its unique index (a scan of the contacts table would cost a million rows per chunk
/// at scale) and send the identifiers as one parameter per kind (SQLite finds a named parameter by walking the
/// statement's list of names, so thousands of parameters cost time in the square of their number).
/// </summary>
public class IdentityLoadPlanTests : TracedStoreTest
{
    [Fact]
    public async Task Contacts_named_by_a_chunk_are_found_through_the_unique_index_of_each_identifier()
    {
        var store = new StoreBuilder(Database);
        var byExternalId = await store.ContactAsync(c => c.ExternalId = "u-7");
        var byEmail = await store.ContactAsync(c => (c.Email, c.EmailNormalized) = ("Olena@Example.com", "olena@example.com"));
        var byPhone = await store.ContactAsync(c => c.Phone = "+380501234567");
        await store.ContactAsync(c => (c.ExternalId, c.Phone) = ("u-8", "+380509999999"));   // named by nothing below
        var writes = Enumerable.Range(0, 1000).Select(i => new ContactIdentifiers($"unknown-{i}", $"nobody{i}@example.com", $"+38067{i:D7}"))
            .Append(new ContactIdentifiers("u-7", null, null))
            .Append(new ContactIdentifiers(null, "OLENA@example.com", null))
            .Append(new ContactIdentifiers(null, null, "+380501234567"))
            .ToList();

        await using var db = await Factory.CreateDbContextAsync(Ct);
        Recorder.Clear();
        var index = await IdentityIndex.LoadAsync(db, writes, ContactCollections.None, Ct);

        Assert.Equal(byExternalId.Id, Assert.IsType<Resolution.Found>(index.Resolve(writes[^3])).ContactId);
        Assert.Equal(byEmail.Id, Assert.IsType<Resolution.Found>(index.Resolve(writes[^2])).ContactId);
        Assert.Equal(byPhone.Id, Assert.IsType<Resolution.Found>(index.Resolve(writes[^1])).ContactId);
        Assert.IsType<Resolution.NotFound>(index.Resolve(writes[0]));
        var read = Assert.Single(Recorder.Plans, p => p.Sql.Contains("FROM \"Contacts\""));
        Assert.DoesNotContain(read.Steps, s => s.StartsWith("SCAN c", StringComparison.Ordinal));
        foreach (var unique in new[] { "IX_Contacts_ExternalId (ExternalId=?)", "IX_Contacts_EmailNormalized (EmailNormalized=?)", "IX_Contacts_Phone (Phone=?)" })
            Assert.Contains(read.Steps, s => s.Contains(unique));
        Assert.True(read.ParameterCount <= 3, $"{read.ParameterCount} parameters: {read.Sql}");
    }
}
