using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>The authorization service services ask, for service tests: with the app's own policies, or others a test registers.</summary>
public static class TestAuthorization
{
    /// <summary>The policies exactly as the app registers them at start-up.</summary>
    public static IAuthorizationService AppPolicies() => With(services => services.AddContactsPolicies());

    public static IAuthorizationService With(Action<IServiceCollection> registerPolicies)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        registerPolicies(services);
        return services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
    }
}
