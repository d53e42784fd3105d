using System.Security.Claims;
using ContactsAdmin.Data;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>Signed-in principals as the app sees them, for service tests.</summary>
public static class TestUsers
{
    public static ClaimsPrincipal Marketer(string email = "marketer@example.com") => InRole(email, Roles.Marketer);
    public static ClaimsPrincipal Admin(string email = "admin@example.com") => InRole(email, Roles.Admin);
    public static ClaimsPrincipal Viewer(string email = "viewer@example.com") => InRole(email, Roles.Viewer);

    private static ClaimsPrincipal InRole(string email, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "Test"));
}
