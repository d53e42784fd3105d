using System.Net;
using System.Net.Http.Json;
using ContactsAdmin.Features.ApiKeys;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Validation;
using ContactsAdmin.Tests.Features.Ingest;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactsAdmin.Tests.Browser;

/// <summary>
/// A profile field is one entry in the field table and nothing else. The app runs here with a table that has a field
/// only this test knows ("Province", stored where the region is, in place of the Region field), and the field appears
/// in the edit form, on the card, in the change history and in the API's input, output and document, with its rule;
/// Region's own input and API path are gone.
/// </summary>
public class ProfileFieldTableTests(BrowserAppFixture fixture) : BrowserTest(fixture)
{
    private static readonly ProfileField Province = new()
    {
        Key = "Province", Label = "Province", Section = FieldSection.PersonalData, MaxLength = 30, Hint = "As the post office writes it",
        ApiPath = "address.province", ApiDescription = "The province (a field only this test knows).",
        Read = c => c.Region, Write = (c, v) => c.Region = v,
        Rule = (field, input, _) => ProfileRules.FreeText(input, field.Label, field.MaxLength!.Value),
    };

    private static readonly ProfileFieldTable TableWithProvince = new([.. ProfileFields.All.Where(f => f != ProfileFields.Region), Province]);

    [Fact]
    public async Task A_field_added_to_the_table_appears_in_the_form_the_card_the_history_and_the_api()
    {
        var browser = Fixture.Browser;   // skips (fails under CI) without Chromium
        await using var app = await AppFactory.CreateAsync(new()
        {
            RealPort = true,
            ConfigureHost = host => host.ConfigureServices(services => services.AddSingleton(TableWithProvince)),
        });
        app.StartServer();
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("shop", "tests", null, Ct)).Key;
        using var api = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress };
        api.DefaultRequestHeaders.Add("X-Api-Key", key);

        // The API reads the field at its path, checks it with its rule, and shows it at its path.
        using var created = await api.PostJsonAsync("api/v1/contact",
            """{ "externalCustomerId": "u-province", "firstName": "Olena", "address": { "province": "Kyivska" } }""", Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.BodyAsync(Ct))["id"]!.GetValue<long>();
        var view = await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"api/v1/contacts/{id}", Ct);
        Assert.Equal("Kyivska", view!["address"]!["province"]!.GetValue<string>());
        Assert.Null(view["address"]!["region"]);
        using var tooLong = await api.PostJsonAsync("api/v1/contact",
            """{ "externalCustomerId": "u-province", "address": { "province": "A province name longer than thirty letters" } }""", Ct);
        Assert.Equal(["address.province"], await tooLong.ErrorPathsAsync(Ct));
        using var region = await api.PostJsonAsync("api/v1/contact", """{ "externalCustomerId": "u-province", "address": { "region": "Kyiv" } }""", Ct);
        Assert.Equal(["address.region"], await region.ErrorPathsAsync(Ct));
        var document = await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("openapi/v1.json", Ct);
        var payload = document!["paths"]!["/api/v1/contact"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var address = payload["properties"]!["address"]!["properties"]!;
        Assert.Equal("The province (a field only this test knows).", address["province"]!["description"]!.GetValue<string>());
        Assert.Equal(30, address["province"]!["maxLength"]!.GetValue<int>());
        Assert.Null(address["region"]);
        Assert.NotNull(document["components"]!["schemas"]!["ContactView"]!["properties"]!["address"]!["properties"]!["province"]);

        // The edit form shows it with its label and limit; a save records it in the history under its label.
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.ClientOptions.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"contacts/{id}");
        await SignInAsync(page, AppFactory.AdminEmail, AppFactory.AdminPassword);
        await WaitForInteractiveAsync(page);
        await page.Locator(".edit-contact").First.ClickAsync();
        var dialog = page.Locator("#edit-contact-dialog");
        await Expect(page.Locator("#edit-province")).ToHaveValueAsync("Kyivska");
        await Expect(dialog.GetByLabel("Province")).ToBeVisibleAsync();
        await Expect(page.Locator("#edit-region")).ToHaveCountAsync(0);
        await Expect(dialog).ToContainTextAsync("As the post office writes it");
        await Screenshots.SaveAsync(page, "edit-contact-dialog.png");
        await page.Locator("#edit-province").FillAsync("Lvivska");
        await page.Locator("#edit-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var history = page.Locator("#change-history tbody tr").Filter(new() { HasText = "Province" });
        await Expect(history.Filter(new() { HasText = "Lvivska" })).ToHaveCountAsync(1);
        await Expect(history.Filter(new() { HasText = "Kyivska" })).Not.ToHaveCountAsync(0);
        var personal = page.Locator("#section-personal");
        await Expect(personal).ToContainTextAsync("Province");
        await Expect(personal).ToContainTextAsync("Lvivska");
    }
}
