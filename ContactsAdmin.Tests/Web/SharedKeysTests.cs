using System.Net;
using System.Security.Cryptography;
using ContactsAdmin.Data;
using ContactsAdmin.Profile.Erasure;
using ContactsAdmin.Setup;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Web;

/// <summary>
/// Several app instances on one store share what their secrets depend on: the data protection key ring (in the
/// database on PostgreSQL, in the folder beside the file on SQLite) and the erased contacts' suppression key (in the
/// database on both). A cookie one instance signs is read by the next, and an erased person is recognised by every one.
/// </summary>
[Trait(TestStore.Trait, TestStore.BothEngines)]
public sealed class SharedKeysTests : IAsyncLifetime
{
    private const string Address = "erased@example.com";

    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_sign_in_cookie_of_one_instance_is_accepted_by_another_on_the_same_store()
    {
        await using var first = new AppFactory(database);
        await using var second = new AppFactory(database);
        using var session = new BrowserlessSession(first);
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        using var onSecond = session.CopyTo(second);

        using var response = await onSecond.GetAsync("/contacts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_payload_protected_by_one_instance_is_read_by_another_started_later()
    {
        string payload;
        await using (var first = database.AppServices())
            payload = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("the same secret");

        await using var second = database.AppServices();

        Assert.Equal("the same secret", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload));
    }

    [Fact]
    public async Task The_suppression_key_survives_a_restart_and_is_the_same_for_two_instances()
    {
        string before;
        await using (var first = database.AppServices())
            before = first.GetRequiredService<SuppressionHasher>().Email(Address)!;

        await using var second = database.AppServices();
        await using var third = database.AppServices();
        var hashes = await Task.WhenAll(
            Task.Run(() => second.GetRequiredService<SuppressionHasher>().Email(Address), Ct),
            Task.Run(() => third.GetRequiredService<SuppressionHasher>().Email(Address), Ct));

        Assert.All(hashes, hash => Assert.Equal(before, hash));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.ErasedSuppressionKeys.CountAsync(Ct));
    }

    [Fact]
    public async Task Two_instances_creating_the_suppression_key_at_once_end_with_one_key()
    {
        await using var first = database.AppServices();
        await using var second = database.AppServices();

        var hashes = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<SuppressionHasher>().Email(Address), Ct),
            Task.Run(() => second.GetRequiredService<SuppressionHasher>().Email(Address), Ct));

        Assert.Equal(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task A_suppression_key_file_of_an_earlier_version_is_imported_not_replaced()
    {
        var folder = Directory.CreateTempSubdirectory("contacts-keys-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["DataProtection:KeysFolder"] = folder };
            var key = RandomNumberGenerator.GetBytes(SuppressionHasher.KeyBytes);
            // As an earlier version left it: the key ring in the folder, and the key protected by it in a file there.
            await using (var earlier = FolderOnlyServices(folder))
            {
                var protector = earlier.GetRequiredService<IDataProtectionProvider>().CreateProtector("ContactsAdmin.ErasedSuppression.HashKey");
                await File.WriteAllTextAsync(Path.Combine(folder, SuppressionKeyStore.LegacyFileName), Convert.ToBase64String(protector.Protect(key)), Ct);
            }

            await using (var upgraded = database.AppServices(settings))
                Assert.Equal(new SuppressionHasher(key).Email(Address), upgraded.GetRequiredService<SuppressionHasher>().Email(Address));
            File.Delete(Path.Combine(folder, SuppressionKeyStore.LegacyFileName));
            await using var restarted = database.AppServices(settings);

            Assert.Equal(new SuppressionHasher(key).Email(Address), restarted.GetRequiredService<SuppressionHasher>().Email(Address));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_store_with_suppressions_but_no_key_refuses_to_make_a_new_one()
    {
        await using (var db = database.NewContext())
        {
            db.ErasedSuppressions.Add(new ErasedSuppression
            {
                Kind = SuppressedIdentifier.Email, Hash = new string('a', ErasedSuppression.HashLength), EmailStatus = EmailStatus.Unsubscribed,
                ErasedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        await using var services = database.AppServices();

        var refused = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<SuppressionHasher>());

        Assert.Contains("ErasedSuppressionKeys", refused.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(0, await check.ErasedSuppressionKeys.CountAsync(Ct));
    }

    /// <summary>Data protection alone with its keys in <paramref name="folder"/>, as every version before the database kept them.</summary>
    private static ServiceProvider FolderOnlyServices(string folder)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(DataProtectionSetup.ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(folder));
        return services.BuildServiceProvider();
    }
}
