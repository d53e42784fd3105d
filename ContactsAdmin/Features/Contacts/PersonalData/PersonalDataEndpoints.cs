using ContactsAdmin.Setup;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ContactsAdmin.Features.Contacts.PersonalData;

/// <summary>"Download data" on the card: a plain link to this download, for Admins (the ones who answer data-protection requests).</summary>
public static class PersonalDataEndpoints
{
    /// <summary>Who may download a person's data: Admins, as for delete and erase.</summary>
    public const string Policy = Policies.CanDeleteContacts;

    public static string DownloadPath(long contactId) => $"/contacts/{contactId}/data";

    public static IEndpointRouteBuilder MapPersonalDataDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/contacts/{id:long}/data", DownloadAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(long id, HttpContext http, PersonalDataExport export)
    {
        if (!await export.ExistsAsync(id, http.RequestAborted)) return Results.NotFound();
        await StreamAsync(http, export, id);
        return Results.Empty;
    }

    /// <summary>Sends the document as a JSON attachment named for the contact, written as it is read (the API's endpoint too).</summary>
    public static async Task StreamAsync(HttpContext http, PersonalDataExport export, long contactId)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "application/json; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(PersonalDataExport.FileName(contactId));
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await export.WriteAsync(contactId, http.Response.Body, http.RequestAborted);
    }
}
