namespace ContactsAdmin.Features.Demo;

/// <summary>How much demo data to create. The same options (and the same day) give the same data.</summary>
public sealed record DemoDataOptions
{
    public static readonly DemoDataOptions Default = new();

    public int Contacts { get; init; } = 2000;
    /// <summary>Activities per contact on average; null gives the demo mix of 20 to 200 each.</summary>
    public int? ActivitiesPerContact { get; init; }
    public int Seed { get; init; } = 20261129;

    public static DemoDataOptions FromConfiguration(IConfiguration configuration) => Default with
    {
        Contacts = configuration.GetValue("Seed:DemoContacts", Default.Contacts),
        ActivitiesPerContact = configuration.GetValue<int?>("Seed:DemoActivitiesPerContact"),
    };
}

/// <summary>Where seeding is: a stage and how far through it.</summary>
public sealed record SeedProgress(string Stage, long Done, long Total);
