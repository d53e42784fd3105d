using System.Net;
using ContactsAdmin.Features.Ingest.Endpoints;
using ContactsAdmin.Features.Ingest.Payloads;

namespace ContactsAdmin.Features.Forms;

/// <summary>
/// What an Admin copies to put a form on a website: a plain HTML form with a small script that posts it as JSON to
/// the form's endpoint (POST /forms/{key}, body <see cref="FormSubmission"/>), and the same post as a curl command.
/// </summary>
public static class FormSnippets
{
    /// <param name="baseUri">The app's address as visitors' browsers reach it, ending in a slash.</param>
    public static string Endpoint(string baseUri, string formKey) => baseUri + FormEndpoints.PathOf(formKey);

    public static string Html(string baseUri, string formKey)
    {
        var id = WebUtility.HtmlEncode("subscribe-" + formKey);
        var endpoint = Endpoint(baseUri, formKey);
        return $$"""
            <form id="{{id}}">
              <label>Email <input type="email" name="email" required autocomplete="email"></label>
              <label>First name <input type="text" name="firstName" autocomplete="given-name"></label>
              <!-- Left empty by people, filled in by bots: keep it hidden. -->
              <input type="text" name="{{FormSubmission.HoneypotField}}" tabindex="-1" autocomplete="off" hidden>
              <button type="submit">Subscribe</button>
              <p role="status"></p>
            </form>
            <script>
              document.getElementById("{{id}}").addEventListener("submit", async (event) => {
                event.preventDefault();
                const form = event.target;
                const response = await fetch("{{endpoint}}", {
                  method: "POST",
                  headers: { "Content-Type": "application/json" },
                  body: JSON.stringify(Object.fromEntries(new FormData(form))),
                });
                const answer = await response.json();
                form.querySelector("[role=status]").textContent = response.ok ? answer.message : answer.detail ?? answer.title;
              });
            </script>
            """;
    }

    public static string Curl(string baseUri, string formKey) =>
        $$"""
        curl -X POST "{{Endpoint(baseUri, formKey)}}" \
          -H "Content-Type: application/json" \
          -d '{ "email": "person@example.com", "firstName": "Olena" }'
        """;
}
