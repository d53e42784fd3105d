using ContactsAdmin.Data;
using ContactsAdmin.Profile.Validation;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Users;

/// <summary>What a signed-in user chooses for themselves on their account page: the time zone dates are shown in.</summary>
public sealed class AccountPreferences(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The zone saved on the account; null when the user follows their browser's.</summary>
    public async Task<string?> TimeZoneAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync(ct);
    }

    /// <summary>Saves the zone (null or empty: follow the browser again).</summary>
    /// <returns>Null when saved, else what is wrong with the zone.</returns>
    public async Task<string?> SetTimeZoneAsync(string userId, string? ianaId, CancellationToken ct = default)
    {
        var zone = ProfileRules.TimeZone(ianaId);
        if (!zone.IsValid) return zone.Error;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, zone.Value), ct);
        return null;
    }
}
