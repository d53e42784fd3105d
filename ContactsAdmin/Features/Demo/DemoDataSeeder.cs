using Bogus;
using ContactsAdmin.Data;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Demo;

/// <summary>Fills the store with realistic, deterministic demo data (Bogus with a fixed seed).</summary>
public sealed class DemoDataSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Seeds only when there are no contacts yet; says whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(DemoDataOptions options, IProgress<SeedProgress>? progress, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Contacts.AnyAsync(ct)) return false;
        }
        await SeedAsync(options, fresh: false, progress, ct);
        return true;
    }

    public async Task SeedAsync(DemoDataOptions options, bool fresh, IProgress<SeedProgress>? progress, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (fresh)
            await db.Contacts.ExecuteDeleteAsync(ct);

        // Every date is an offset from today's midnight, so two runs on the same day are identical.
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var faker = new Faker("en") { Random = new Randomizer(options.Seed) };
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < options.Contacts; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var email = faker.Internet.Email(first, last, uniqueSuffix: i.ToString());
            var created = today.AddMinutes(-faker.Random.Int(60, 2 * 365 * 24 * 60));
            db.Contacts.Add(new Contact
            {
                FirstName = first,
                LastName = last,
                Email = email,
                EmailNormalized = email.ToLowerInvariant(),
                EmailStatus = EmailStatus.Active,
                EmailStatusSince = created,
                Source = faker.PickRandom<ContactSource>(),
                CreatedAt = created,
                LastEditAt = created,
                Country = faker.Address.CountryCode(),
                Language = "en-US",
                TimeZone = "Europe/London",
            });
            progress?.Report(new SeedProgress("Contacts", i + 1, options.Contacts));
        }
        await db.SaveChangesAsync(ct);
    }
}
