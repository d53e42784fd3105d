using System.CommandLine;
using System.Globalization;
using ContactsAdmin.Components.Shared;
using ContactsAdmin.Features.AuditLog;
using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.EmailStatuses;
using ContactsAdmin.Features.Export;
using ContactsAdmin.Setup;

namespace ContactsAdmin.Features.CommandLine;

/// <summary>
/// <c>export</c>: the grid's CSV export for operators. Its options are the grid URL's query parameters, read by the grid's
/// own parser, and the CSV comes from the same writer as the download (same columns, BOM, neutralised cells, audit entry).
/// <c>export blacklist</c> does the same for the Blacklist page's download.
/// </summary>
public static class ExportCommands
{
    public static Command Command(IServiceProvider services, TextWriter output)
    {
        // Each option is the grid URL's parameter of the same name (ContactGridView).
        (Option<string?> Option, string Key)[] view =
        [
            (new("--q") { Description = "Search: part of an email, phone, name or External ID." }, "q"),
            (new("--status") { Description = "Email status, e.g. subscribed, unsubscribed, blacklisted." }, "status"),
            (new("--source") { Description = "Source, e.g. api, import, subscriptionform." }, "source"),
            (new("--category") { Description = "Id of a subscription category the contacts are subscribed to." }, "category"),
            (new("--created") { Description = "Created between two days, both included: 2026-01-01..2026-01-31 (either end may be left out)." }, "created"),
            (new("--edited") { Description = "Last edited between two days, as --created." }, "edited"),
            (new("--field") { Description = "Id of a custom field to filter on (with --op and --value)." }, "field"),
            (new("--op") { Description = "equals, contains, greater, less or isempty." }, "op"),
            (new("--value") { Description = "The custom field's value to compare with." }, "value"),
            (new("--sort") { Description = "The grid's sort, e.g. -createdat (newest first, the default), name, email, field.12." }, "sort"),
        ];
        var columns = new Option<string>("--columns") { Description = "visible (the grid's columns) or all (every field, custom field and category).", DefaultValueFactory = _ => "visible" };
        columns.AcceptOnlyFromAmong("visible", "all");
        var zone = new Option<string?>("--time-zone") { Description = "IANA zone the --created and --edited days are read in (default UTC)." };
        var file = OutputOption();

        var command = new Command("export", "Write contacts as CSV (UTF-8 with BOM), filtered and sorted as the grid's URL would be.") { columns, zone, file };
        foreach (var (option, _) in view) command.Add(option);
        command.Add(BlacklistCommand(services, output));
        command.SetAction(async (parse, ct) =>
        {
            var uri = UrlQuery.Build(ContactGridView.ExportPath,
            [
                .. view.Select(v => (v.Key, parse.GetValue(v.Option))),
                ("columns", parse.GetValue(columns)),
                ("tz", parse.GetValue(zone)),
            ]);
            var request = ContactExportRequest.FromUri(uri, userId: null);
            var export = services.GetRequiredService<ContactCsvExport>();
            await services.MigrateContactStoreAsync(ct);

            if (parse.GetValue(file) is not { } target)
            {
                await using var stdout = Console.OpenStandardOutput();
                await export.WriteAsync(request, stdout, SettingsAudit.SystemActor, progress: null, ct);
                return 0;
            }
            var started = services.GetRequiredService<TimeProvider>().GetTimestamp();
            int count;
            await using (var stream = target.Create())
            {
                count = await export.WriteAsync(request, stream, SettingsAudit.SystemActor, new RowsProgress(Console.Error), ct);
            }
            Console.Error.WriteLine();
            var elapsed = services.GetRequiredService<TimeProvider>().GetElapsedTime(started);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {count:N0} contacts to {target.FullName} in {elapsed.TotalSeconds:0.0} s."));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>export blacklist</c>: the Blacklist page's download. Its options are that page's export URL parameters, read by
    /// <see cref="BlacklistFilter.FromUri"/>, so the command and the page cannot read a filter differently.
    /// </summary>
    private static Command BlacklistCommand(IServiceProvider services, TextWriter output)
    {
        var file = OutputOption();
        (Option<string?> Option, string Key)[] filter =
        [
            (new("--q") { Description = "Part of the address." }, "q"),
            (new("--reason") { Description = "Why it is listed, e.g. manual, spamtrap, hardbounce." }, "reason"),
            (new("--scope") { Description = "system (automatic) or local (added by an Admin)." }, "scope"),
            (new("--removed") { Description = "true: include entries removed from the list." }, "removed"),
        ];
        var command = new Command("blacklist", "Write the blacklist as CSV (UTF-8 with BOM): address, scope, reason, date, contact.") { file };
        foreach (var (option, _) in filter) command.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var request = BlacklistFilter.FromUri(UrlQuery.Build(BlacklistFilter.ExportPath, [.. filter.Select(f => (f.Key, parse.GetValue(f.Option)))]));
            var export = services.GetRequiredService<BlacklistCsvExport>();
            await services.MigrateContactStoreAsync(ct);
            if (parse.GetValue(file) is not { } target)
            {
                await using var stdout = Console.OpenStandardOutput();
                await export.WriteAsync(request, stdout, SettingsAudit.SystemActor, ct);
                return 0;
            }
            int count;
            await using (var stream = target.Create()) count = await export.WriteAsync(request, stream, SettingsAudit.SystemActor, ct);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {count:N0} blacklist {(count == 1 ? "entry" : "entries")} to {target.FullName}."));
            return 0;
        });
        return command;
    }

    private static Option<FileInfo?> OutputOption() => new("--output") { Description = "Write to this file instead of stdout." };

    /// <summary>One line on the terminal, redrawn in place as rows go out.</summary>
    private sealed class RowsProgress(TextWriter error) : IProgress<int>
    {
        public void Report(int value) => error.Write(string.Create(CultureInfo.InvariantCulture, $"\rExported {value:N0} rows…"));
    }
}
