using ContactsAdmin.Data;
using ContactsAdmin.Features.Api;
using ContactsAdmin.Features.Contacts.Editing;
using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Changes;
using ContactsAdmin.Profile.Fields;
using ContactsAdmin.Profile.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Ingest;

public abstract record FormOutcome
{
    /// <param name="ContactId">Null when the honeypot caught a bot: it is thanked like a person, and nothing is written.</param>
    public sealed record Accepted(long? ContactId, IReadOnlyList<string> Subscribed) : FormOutcome;
    public sealed record UnknownForm : FormOutcome;
    public sealed record Invalid(ApiErrors Errors) : FormOutcome;
}

/// <summary>
/// POST /forms/{formKey}: a visitor's subscription. Anyone can post it, so it is an anonymous write
/// (<see cref="WriteTrust.Anonymous"/>): the email alone finds the contact; a new email creates one (source
/// SubscriptionForm); the name and phone only fill what is empty; the form's categories the visitor chose (all
/// of them when the form offers no choice) are subscribed unless the address unsubscribed, complained or is
/// blacklisted. The answer is the same whatever the store holds.
/// </summary>
public sealed class FormIngest(IDbContextFactory<AppDbContext> dbFactory, ContactIngest contacts)
{
    public async Task<FormOutcome> SubmitAsync(string formKey, FormSubmission submission, CancellationToken ct)
    {
        SubscriptionForm? form;
        IngestLookups lookups;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            form = await db.SubscriptionForms.AsNoTracking().SingleOrDefaultAsync(f => f.Key == formKey && f.IsActive, ct);
            if (form is null) return new FormOutcome.UnknownForm();
            lookups = await contacts.LookupsAsync(db, ct);
        }
        // A bot filled in the field people never see: answer as if it worked, so it learns nothing.
        if (!string.IsNullOrWhiteSpace(submission.Website)) return new FormOutcome.Accepted(null, []);

        var errors = new ApiErrors();
        var rules = contacts.RuleContext;
        var email = errors.Take("email", ProfileFields.Email.Check(submission.Email, rules));
        if (email is null && !errors.Any) errors.Add("email", "Enter your email address.");
        var fields = new Dictionary<FieldKey, string?>();
        if (errors.Take("firstName", ProfileFields.FirstName.Check(submission.FirstName, rules)) is { } first) fields[ProfileFields.FirstName] = first;
        if (errors.Take("lastName", ProfileFields.LastName.Check(submission.LastName, rules)) is { } last) fields[ProfileFields.LastName] = last;
        var phone = errors.Take("phone", ProfileFields.Phone.Check(submission.Phone, rules));
        var categories = ChosenCategories(form, submission.Categories, lookups, errors);
        if (errors.Any) return new FormOutcome.Invalid(errors);

        // The phone is not a way to find the contact: anyone may type anyone's number.
        fields[ProfileFields.Email] = email;
        if (phone is not null) fields[ProfileFields.Phone] = phone;
        var set = new ContactChangeSet(new ContactIdentifiers(Email: email), fields, [], [.. categories.Select(c => c.Id)], WriteTrust.Anonymous);
        var outcome = await contacts.WriteAsync(set, lookups, ChangeActor.Form(form.Name), ContactSource.SubscriptionForm, ct);
        if (outcome is not ContactWriteOutcome.Written written)
            throw new InvalidOperationException($"An email alone cannot name two people: unexpected outcome {outcome}");
        await RecordSubmissionAsync(form.Id, ct);
        return new FormOutcome.Accepted(written.ContactId, [.. categories.Select(c => c.Key)]);
    }

    /// <summary>Counts the accepted post for the forms page (submissions in the last 7 and 30 days); a bot's is not counted.</summary>
    private async Task RecordSubmissionAsync(int formId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.FormSubmissionRecords.Add(new FormSubmissionRecord { FormId = formId, SubmittedAt = contacts.Now });
        await db.SaveChangesAsync(ct);
    }

    private static List<SubscriptionCategory> ChosenCategories(SubscriptionForm form, List<string>? chosen, IngestLookups lookups, ApiErrors errors)
    {
        // An archived category is offered by no form: a visitor who names it is told the form does not offer it.
        var offered = form.CategoryKeys.Select(lookups.CategoryByKey).OfType<SubscriptionCategory>().Where(c => c.ArchivedAt is null).ToList();
        if (chosen is null) return offered;
        var result = new List<SubscriptionCategory>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var category = offered.FirstOrDefault(c => string.Equals(c.Key, chosen[i]?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (category is null) errors.Add($"categories[{i}]", $"This form does not offer '{chosen[i]}'.");
            else result.Add(category);
        }
        return result;
    }
}
