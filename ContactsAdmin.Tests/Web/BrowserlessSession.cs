using System.Net;
using AngleSharp.Html.Parser;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContactsAdmin.Tests.Web;

/// <summary>
/// A browser's cookies kept by hand over plain HTTP, so a test can copy them (a stolen cookie) and post the
/// sign-in and sign-out forms as a browser would. Redirects are reported, not followed.
/// </summary>
public sealed class BrowserlessSession(AppFactory app) : IDisposable
{
    private readonly HttpClient client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public Dictionary<string, string> Cookies { get; private set; } = new();

    /// <summary>A second session holding a copy of this one's cookies.</summary>
    public BrowserlessSession Copy() => CopyTo(app);

    /// <summary>A session on <paramref name="other"/> (another instance, or another app) holding a copy of this one's cookies.</summary>
    public BrowserlessSession CopyTo(AppFactory other) => new(other) { Cookies = new Dictionary<string, string>(Cookies) };

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    /// <summary>Opens the sign-in page and posts its form with these credentials.</summary>
    public async Task<HttpResponseMessage> SubmitSignInAsync(string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var fields = await FormFieldsAsync(path);
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await PostFormAsync(path, fields);
    }

    /// <summary>Signs in and fails the test unless the app answered with a redirect away from the sign-in page.</summary>
    public async Task SignInAsync(string email, string password)
    {
        using var response = await SubmitSignInAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}");
    }

    /// <summary>Posts the app bar's sign-out form (its antiforgery token taken from a page, as the app bar has one).</summary>
    public async Task<HttpResponseMessage> SignOutAsync(string returnUrl = "")
    {
        var fields = await FormFieldsAsync("/Account/Login");
        return await PostFormAsync("/Account/Logout", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = fields["__RequestVerificationToken"],
            ["ReturnUrl"] = returnUrl,
        });
    }

    /// <summary>The named fields (hidden ones included) of the page's post form.</summary>
    public async Task<Dictionary<string, string>> FormFieldsAsync(string path)
    {
        using var response = await GetAsync(path);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        var form = page.QuerySelector("form[method=post]") ?? throw new InvalidOperationException($"{path} has no form");
        return form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
    }

    /// <summary>Whether the app lets this session open the page (200), rather than sending it to sign in.</summary>
    public async Task<bool> IsSignedInForAsync(string path)
    {
        using var response = await GetAsync(path);
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return false;
    }

    /// <summary>A user of the app made through its own account service; the password meets Identity's rules.</summary>
    public static async Task<(string Email, string Password)> CreateUserAsync(AppFactory app, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var password = $"Pw-{Guid.NewGuid():N}9";
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, role, password);
        return (email, password);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request, Ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var equals = pair.IndexOf('=');
                var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                // An expired cookie (sign-out) is removed, as a browser would.
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Cookies.Remove(name);
                else Cookies[name] = value;
            }
        }
        return response;
    }

    public void Dispose() => client.Dispose();
}
