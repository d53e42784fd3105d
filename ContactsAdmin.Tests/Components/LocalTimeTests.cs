using Bunit;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Components;

public class LocalTimeTests : ComponentTestContext
{
    private static readonly DateTime MarchMorningUtc = new(2026, 3, 3, 10, 15, 0, DateTimeKind.Utc);

    [Fact]
    public void A_time_shows_in_the_users_zone_with_the_contacts_local_time_on_hover()
    {
        Services.GetRequiredService<UserTimeZone>().Set("Europe/Kyiv");

        var time = Render<LocalTime>(p => p.Add(c => c.Value, MarchMorningUtc).Add(c => c.ContactTimeZone, "America/New_York"));

        var span = time.Find(".local-time");
        Assert.Equal("2026-03-03 12:15", span.TextContent);
        Assert.Equal("Contact's local time: 2026-03-03 05:15 in America/New_York", span.GetAttribute("title"));
    }

    [Fact]
    public void Without_a_contact_zone_the_hover_names_the_users_zone_and_no_time_shows_a_dash()
    {
        Services.GetRequiredService<UserTimeZone>().Set("Europe/Kyiv");

        var time = Render<LocalTime>(p => p.Add(c => c.Value, MarchMorningUtc));
        var none = Render<LocalTime>(p => p.Add(c => c.Value, null));

        Assert.Equal("Your time zone: Europe/Kyiv", time.Find(".local-time").GetAttribute("title"));
        Assert.Equal("—", none.Find("span").TextContent);
    }
}
