using ContactsAdmin.Data;
using ContactsAdmin.Features.Categories;
using ContactsAdmin.Features.Forms;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactsAdmin.Tests.Features.Forms;

/// <summary>What an Admin's changes at /settings/forms do to the store, and what they are refused.</summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public class FormSettingsTests : StoreTest
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    private FormSettings Forms => Services.GetRequiredService<FormSettings>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);

    private static FormDraft Draft(string? name = "Footer", string? key = "footer", string[]? categories = null, string? origins = "https://www.example.com") =>
        new(name, key, categories ?? ["newsletter"], origins);

    protected override async Task SeedAsync(StoreBuilder store)
    {
        await store.CategoryAsync("Newsletter");
        await store.CategoryAsync("Offers");
    }

    private async Task<int> CreateAsync(FormDraft? draft = null) =>
        ((FormOutcome.Done)await Forms.CreateAsync(draft ?? Draft(), TestUsers.Admin(), Ct)).Id;

    [Fact]
    public async Task A_created_form_is_listed_active_with_its_categories_origins_and_no_submissions()
    {
        await CreateAsync(Draft(categories: ["offers", "newsletter"], origins: "https://WWW.Example.com/\nhttp://localhost:8080, https://www.example.com:443"));

        var row = Assert.Single(await Forms.ListAsync(Ct));
        Assert.Equal(("footer", "Footer", true, 0, 0), (row.Key, row.Name, row.IsActive, row.SubmissionsLast7Days, row.SubmissionsLast30Days));
        Assert.Equal(["newsletter", "offers"], row.CategoryKeys);
        Assert.Equal(["https://www.example.com", "http://localhost:8080"], row.AllowedOrigins);
    }

    [Fact]
    public async Task A_duplicate_key_is_refused_under_the_key_field()
    {
        await CreateAsync();

        var outcome = await Forms.CreateAsync(Draft(name: "Other"), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<FormOutcome.Invalid>(outcome);
        Assert.Equal([FormInput.Key], invalid.Errors.Keys);
        Assert.Equal("Another form already has the key footer.", invalid.Errors[FormInput.Key]);
    }

    [Theory]
    [InlineData("https://www.example.com/signup")]
    [InlineData("ftp://www.example.com")]
    [InlineData("www.example.com")]
    [InlineData("https://www.example.com?x=1")]
    public async Task An_origin_with_a_path_or_no_web_scheme_is_refused_under_the_origins_field(string origin)
    {
        var outcome = await Forms.CreateAsync(Draft(origins: "https://ok.example.com\n" + origin), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<FormOutcome.Invalid>(outcome);
        Assert.Equal([FormInput.Origins], invalid.Errors.Keys);
        Assert.StartsWith($"{origin} is not a web origin", invalid.Errors[FormInput.Origins]);
    }

    [Fact]
    public async Task Empty_name_bad_key_and_no_category_are_each_named_and_nothing_is_stored()
    {
        var outcome = await Forms.CreateAsync(Draft(name: "", key: "Footer Form", categories: []), TestUsers.Admin(), Ct);

        var invalid = Assert.IsType<FormOutcome.Invalid>(outcome);
        Assert.Equal("Give the form a name.", invalid.Errors[FormInput.Name]);
        Assert.Equal("Use lowercase letters, digits and hyphens, starting with a letter.", invalid.Errors[FormInput.Key]);
        Assert.Equal("Choose at least one category the form subscribes to.", invalid.Errors[FormInput.Categories]);
        await using var db = NewContext();
        Assert.False(await db.SubscriptionForms.AnyAsync(Ct));
    }

    [Fact]
    public async Task An_archived_category_is_neither_offered_nor_accepted()
    {
        await using (var db = NewContext())
        {
            var offers = await db.SubscriptionCategories.SingleAsync(c => c.Key == "offers", Ct);
            await Services.GetRequiredService<CategoryArchive>().ArchiveAsync(offers.Id, TestUsers.Admin(), Ct);
        }

        var offered = await Forms.CategoriesAsync(Ct);
        var outcome = await Forms.CreateAsync(Draft(categories: ["newsletter", "offers"]), TestUsers.Admin(), Ct);

        Assert.Equal(["newsletter"], offered.Select(c => c.Key));
        var invalid = Assert.IsType<FormOutcome.Invalid>(outcome);
        Assert.Contains("offers", invalid.Errors[FormInput.Categories]);
    }

    [Fact]
    public async Task Editing_changes_everything_but_the_key()
    {
        var id = await CreateAsync();

        await Forms.UpdateAsync(id, new FormDraft("Header", "other", ["offers"], "https://shop.example.com", IsActive: false), TestUsers.Admin(), Ct);

        var row = Assert.Single(await Forms.ListAsync(Ct));
        Assert.Equal(("footer", "Header", false), (row.Key, row.Name, row.IsActive));
        Assert.Equal(["offers"], row.CategoryKeys);
        Assert.Equal(["https://shop.example.com"], row.AllowedOrigins);
    }

    [Fact]
    public async Task Submissions_are_counted_over_the_last_7_and_30_days()
    {
        var id = await CreateAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = NewContext())
        {
            db.FormSubmissionRecords.AddRange(
                new FormSubmissionRecord { FormId = id, SubmittedAt = now.AddDays(-1) },
                new FormSubmissionRecord { FormId = id, SubmittedAt = now.AddDays(-6) },
                new FormSubmissionRecord { FormId = id, SubmittedAt = now.AddDays(-20) },
                new FormSubmissionRecord { FormId = id, SubmittedAt = now.AddDays(-45) });
            await db.SaveChangesAsync(Ct);
        }

        var row = Assert.Single(await Forms.ListAsync(Ct));

        Assert.Equal((2, 3), (row.SubmissionsLast7Days, row.SubmissionsLast30Days));
    }

    [Fact]
    public async Task Each_action_is_recorded_in_the_settings_audit_log()
    {
        var admin = TestUsers.Admin("boss@example.com");
        var id = ((FormOutcome.Done)await Forms.CreateAsync(Draft(), admin, Ct)).Id;
        await Forms.UpdateAsync(id, Draft(name: "Header"), admin, Ct);
        await Forms.SetActiveAsync(id, false, admin, Ct);
        await Forms.SetActiveAsync(id, true, admin, Ct);

        await using var db = NewContext();
        var entries = await db.SettingsChanges.OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal(["Created", "Edited", "Paused", "Resumed"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((SettingsArea.Form, "footer", "boss@example.com"), (e.Area, e.Subject, e.Actor)));
        Assert.Null(entries[0].Before);
        Assert.Contains("https://www.example.com", entries[0].After);
        Assert.Contains("\"Name\":\"Footer\"", entries[1].Before);
        Assert.Contains("\"Name\":\"Header\"", entries[1].After);
    }

    [Theory]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Viewer)]
    public async Task Marketers_and_viewers_are_refused_every_action(string role)
    {
        var id = await CreateAsync();
        var user = role == Roles.Marketer ? TestUsers.Marketer() : TestUsers.Viewer();

        Assert.IsType<FormOutcome.Refused>(await Forms.CreateAsync(Draft(key: "other"), user, Ct));
        Assert.IsType<FormOutcome.Refused>(await Forms.UpdateAsync(id, Draft(name: "Changed"), user, Ct));
        Assert.IsType<FormOutcome.Refused>(await Forms.SetActiveAsync(id, false, user, Ct));

        var row = Assert.Single(await Forms.ListAsync(Ct));
        Assert.Equal(("Footer", true), (row.Name, row.IsActive));
    }

    [Fact]
    public void The_html_snippet_posts_json_to_the_forms_endpoint_and_the_curl_example_does_the_same()
    {
        var html = FormSnippets.Html("https://contacts.example.com/", "footer");
        var curl = FormSnippets.Curl("https://contacts.example.com/", "footer");

        Assert.Contains("fetch(\"https://contacts.example.com/forms/footer\"", html);
        Assert.Contains("\"Content-Type\": \"application/json\"", html);
        Assert.Contains("name=\"email\"", html);
        Assert.Contains("name=\"website\"", html);
        Assert.StartsWith("curl -X POST \"https://contacts.example.com/forms/footer\"", curl);
    }
}
