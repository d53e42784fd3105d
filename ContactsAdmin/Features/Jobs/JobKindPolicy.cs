namespace ContactsAdmin.Features.Jobs;

/// <summary>
/// The policy a job of <paramref name="Kind"/> needs beyond <see cref="Setup.Policies.CanEdit"/>, read from its stored
/// parameters (a bulk delete needs the delete policy): asked again when someone resumes or reruns it, so a job started
/// by an Admin cannot be resumed or rerun by a Marketer. Register one per kind that needs it.
/// </summary>
public sealed record JobKindPolicy(string Kind, Func<string, string> PolicyOf);
