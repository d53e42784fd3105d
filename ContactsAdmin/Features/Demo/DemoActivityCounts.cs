namespace ContactsAdmin.Features.Demo;

/// <summary>
/// How many activities each contact gets. Without a target, the demo mix: 20 to 200 each. With a target
/// (activities per contact on average), the skew real stores have: a handful of heavy users, about one contact
/// in <see cref="HeavyEvery"/> and at least one once there are <see cref="FewestContactsForHeavy"/> contacts,
/// get about <see cref="HeavyActivities"/> each (at most a tenth of all activities between them); everyone else
/// shares the rest, each the share give or take a half. The average stays about the target.
/// </summary>
internal sealed class DemoActivityCounts
{
    public const int HeavyEvery = 100_000;
    public const int HeavyActivities = 100_000;
    public const int FewestContactsForHeavy = 1_000;

    private readonly int? target;
    private readonly int firstHeavy;
    private readonly int heavySpacing;
    private readonly int heavyContacts;
    private readonly int heavyActivities;
    private readonly double share;

    public DemoActivityCounts(int? target, int contacts)
    {
        this.target = target;
        if (target is not { } perContact) return;
        share = perContact;
        // Known contacts keep their plain stories; heavy users are spread evenly over the others.
        var others = contacts - DemoContacts.All.Count;
        if (contacts < FewestContactsForHeavy || others <= 0 || perContact <= 0) return;

        heavyContacts = Math.Max(1, contacts / HeavyEvery);
        heavyActivities = (int)Math.Min(HeavyActivities, (long)perContact * contacts / 10 / heavyContacts);
        heavySpacing = others / heavyContacts;
        firstHeavy = DemoContacts.All.Count + heavySpacing / 2;
        share = ((double)perContact * contacts - (double)heavyActivities * heavyContacts) / (contacts - heavyContacts);
    }

    /// <summary>Whether contact number <paramref name="index"/> is one of the heavy users.</summary>
    public bool IsHeavy(int index) =>
        heavyContacts > 0 && index >= firstHeavy && (index - firstHeavy) % heavySpacing == 0 && (index - firstHeavy) / heavySpacing < heavyContacts;

    /// <summary>About how many activities contact number <paramref name="index"/> gets (its email story may add a few).</summary>
    public int For(int index, DemoRandom random) =>
        target is null ? random.Int(20, 200)
        : IsHeavy(index) ? heavyActivities
        : (int)Math.Round(share * random.Double(0.5, 1.5));
}
