using System.Text.Json;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts;

/// <summary>The extra grid columns a user chose: custom fields and subscription categories.</summary>
public sealed record GridColumnChoice(IReadOnlyList<int> FieldIds, IReadOnlyList<int> CategoryIds)
{
    public static readonly GridColumnChoice None = new([], []);
}

/// <summary>Remembers each user's column choice on their account, so it follows them between sessions and browsers.</summary>
public sealed class GridPreferences(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<GridColumnChoice> LoadAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var json = await db.Users.Where(u => u.Id == userId).Select(u => u.GridPreferences).SingleOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(json)) return GridColumnChoice.None;
        try
        {
            return JsonSerializer.Deserialize<GridColumnChoice>(json) ?? GridColumnChoice.None;
        }
        catch (JsonException)
        {
            return GridColumnChoice.None;   // an old or damaged preference is not worth an error page
        }
    }

    public async Task SaveAsync(string userId, GridColumnChoice choice, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var json = JsonSerializer.Serialize(choice);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.GridPreferences, json), ct);
    }
}
