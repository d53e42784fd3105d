using System.Net;
using ContactsAdmin.Data;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Web;

/// <summary>
/// /health/live and /health/ready for whoever watches the app, and a store that vanishes while the app runs: not
/// ready, and writes answer 503 instead of going into a file nobody will find again.
/// </summary>
public class StoreHealthTests
{
    [Fact]
    public async Task Health_live_and_ready_answer_anyone_with_200_while_the_store_can_be_written()
    {
        await using var app = new ApiApp();
        await app.InitializeAsync();
        using var anonymous = app.Client(key: "");

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task A_store_moved_away_while_running_makes_ready_fail_and_writes_answer_503_until_it_is_back()
    {
        await using var app = new ApiApp();
        await app.InitializeAsync();
        using var client = app.Client();
        var path = app.Database.Path;

        File.Move(path, path + ".moved");
        try
        {
            using var ready = await client.GetAsync("/health/ready", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var said = await ready.Content.ReadAsStringAsync(Ct);
            Assert.Equal("Unhealthy", said);   // the reason goes to the log, not to anonymous callers

            using var write = await client.PostJsonAsync("/api/v1/contact", """{ "externalCustomerId": "vanished-1" }""", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal("application/problem+json", write.MediaType());
            Assert.EndsWith("/store-unavailable", (await write.BodyAsync(Ct))["type"]!.GetValue<string>());

            using var form = await app.Client(key: "").PostJsonAsync("/forms/footer", """{ "email": "vanished@example.com" }""", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);

            using var live = await client.GetAsync("/health/live", Ct);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);   // the process is up; only the store is gone
        }
        finally
        {
            File.Move(path + ".moved", path);
        }

        using var readyAgain = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
        using var writeAgain = await client.PostJsonAsync("/api/v1/contact", """{ "externalCustomerId": "vanished-1" }""", Ct);
        Assert.Equal(HttpStatusCode.Created, writeAgain.StatusCode);
    }

    [Fact]
    public async Task A_store_replaced_by_another_file_while_running_makes_ready_fail_and_writes_answer_503()
    {
        await using var app = new ApiApp();
        await app.InitializeAsync();
        using var client = app.Client();
        var path = app.Database.Path;

        File.Move(path, path + ".moved");
        File.Copy(path + ".moved", path);   // same content, another file: the app's connections still write the moved one
        try
        {
            using var ready = await client.GetAsync("/health/ready", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var write = await client.PostJsonAsync("/api/v1/contact", """{ "externalCustomerId": "replaced-1" }""", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        }
        finally
        {
            File.Move(path + ".moved", path, overwrite: true);
        }
    }

    [Fact]
    public async Task Once_the_store_is_gone_the_apps_own_connections_refuse_to_write_into_the_lost_file()
    {
        await using var app = new ApiApp();
        await app.InitializeAsync();
        var factory = app.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var path = app.Database.Path;

        File.Move(path, path + ".moved");
        try
        {
            // What a page does over its circuit, where no HTTP request carries the write.
            await using var db = await factory.CreateDbContextAsync(Ct);
            db.Contacts.Add(new Contact { Source = ContactSource.Manual, CreatedAt = DateTime.UtcNow, LastEditAt = DateTime.UtcNow, FirstName = "Lost" });
            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains(path, refused.Message);
        }
        finally
        {
            File.Move(path + ".moved", path);
        }
        await using var check = app.Database.NewContext();
        Assert.False(await check.Contacts.AnyAsync(c => c.FirstName == "Lost", Ct));
    }
}
