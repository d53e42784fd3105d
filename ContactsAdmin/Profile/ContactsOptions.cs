using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Setup;
using PhoneNumbers;

namespace ContactsAdmin.Profile;

/// <summary>Settings of the contacts themselves and their grid, from the "Contacts" section (its CountSampling is bound apart).</summary>
public sealed record ContactsOptions : ISettingsSection
{
    public static string Section => "Contacts";

    /// <summary>The region a phone number typed without a country code is read in, by the API and the card alike.</summary>
    public string DefaultPhoneRegion { get; init; } = "UA";

    /// <summary>The grid counts matches up to this and shows "More than N" beyond it.</summary>
    public int GridCountCap { get; init; } = ContactQueries.DefaultCountCap;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (DefaultPhoneRegion is not { Length: 2 } || !PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(DefaultPhoneRegion.ToUpperInvariant()))
            yield return (nameof(DefaultPhoneRegion), "use a two-letter region such as UA.");
        if (GridCountCap < 1) yield return (nameof(GridCountCap), "must be at least 1.");
    }
}
