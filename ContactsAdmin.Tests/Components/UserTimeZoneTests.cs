using ContactsAdmin.Components.Shared;

namespace ContactsAdmin.Tests.Components;

/// <summary>Which zone dates are shown in: the one saved on the account wins over the browser's.</summary>
public class UserTimeZoneTests
{
    private static readonly DateTime MarchMorningUtc = new(2026, 3, 3, 10, 15, 0, DateTimeKind.Utc);

    [Fact]
    public void A_zone_saved_on_the_account_wins_over_the_browsers()
    {
        var zone = new UserTimeZone();
        zone.SetSaved("Pacific/Kiritimati");
        zone.Set("Europe/Kyiv");

        Assert.Equal("Pacific/Kiritimati", zone.Zone.Id);
        Assert.Equal("2026-03-04 00:15", zone.Format(MarchMorningUtc));
        Assert.Equal("Europe/Kyiv", zone.BrowserZone.Id);
    }

    [Fact]
    public void Clearing_the_saved_zone_follows_the_browser_again()
    {
        var zone = new UserTimeZone();
        zone.Set("Europe/Kyiv");
        zone.SetSaved("Pacific/Kiritimati");

        zone.SetSaved(null);

        Assert.Equal("2026-03-03 12:15", zone.Format(MarchMorningUtc));
        Assert.Null(zone.SavedZone);
    }
}
