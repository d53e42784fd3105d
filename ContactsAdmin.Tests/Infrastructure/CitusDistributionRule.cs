namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>
/// Citus's rule that a row's distribution column cannot be updated, on a plain PostgreSQL server: triggers on the tables
/// docs/scale-out.md distributes by contact refuse any UPDATE that changes their ContactId, with Citus's own words.
/// Installed in the template every PostgreSQL test database is copied from, so a write path that moves a contact's row
/// by updating its ContactId (rather than ContactRowMover's insert and delete) fails its own tests.
/// </summary>
public static class CitusDistributionRule
{
    /// <summary>The tables Citus would distribute by contact, co-located with Contacts (docs/scale-out.md's plan).</summary>
    public static readonly IReadOnlyList<string> DistributedByContact = ["Activities", "ContactDevices", "AuditEntries", "CustomFieldValues", "ContactSubscriptions"];

    /// <summary>What Citus says when asked to update a distribution column.</summary>
    public const string Refusal = "modifying the partition value of rows is not allowed";

    public static readonly string InstallSql = $"""
        CREATE FUNCTION refuse_distribution_column_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{Refusal} (%.ContactId)', TG_TABLE_NAME;
        END $$;
        """ + string.Concat(DistributedByContact.Select(table => $"""

        CREATE TRIGGER "{table}_refuses_moves" BEFORE UPDATE OF "ContactId" ON "{table}"
            FOR EACH ROW WHEN (OLD."ContactId" IS DISTINCT FROM NEW."ContactId") EXECUTE FUNCTION refuse_distribution_column_update();
        """));
}
