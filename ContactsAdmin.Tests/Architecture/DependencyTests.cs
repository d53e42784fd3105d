namespace ContactsAdmin.Tests.Architecture;

/// <summary>
/// The app's parts depend on each other in one direction only: features use the profile core and the store, the
/// core uses the store, and no two features use each other round a loop. A cycle makes every change to one part a
/// change to the other; these tests name the types that close it.
/// </summary>
public sealed class DependencyTests
{
    private static readonly ModuleGraph App = ModuleGraph.Of(typeof(Program).Assembly.Location);

    [Fact]
    public void No_two_parts_of_the_app_use_each_other()
    {
        var cycles = App.Cycles();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(Describe)));
    }

    [Fact]
    public void The_profile_core_uses_only_the_store()
    {
        var uses = App.Edges.GetValueOrDefault("Profile") ?? new Dictionary<string, string>();

        Assert.True(uses.Keys.All(part => part == "Data"), string.Join("\n", uses.Where(u => u.Key != "Data").Select(u => u.Value)));
    }

    [Fact]
    public void The_store_uses_no_other_part()
    {
        var uses = App.Edges.GetValueOrDefault("Data") ?? new Dictionary<string, string>();

        Assert.True(uses.Count == 0, string.Join("\n", uses.Values));
    }

    [Fact]
    public void The_graph_sees_the_features_the_card_is_built_from()
    {
        // Guards the reader itself: the card page (a Razor component) shows activity and email status actions,
        // so a graph without these edges would be reading too little to find a cycle.
        var contacts = App.Edges["Features.Contacts"];

        Assert.Contains("Features.Activities", contacts.Keys);
        Assert.Contains("Features.EmailStatuses", contacts.Keys);
        Assert.Contains("Profile", contacts.Keys);
    }

    [Fact]
    public void A_loop_between_two_parts_is_reported_as_one_cycle()
    {
        var graph = ModuleGraph.Of(typeof(Program).Assembly.Location);
        var withLoop = new Dictionary<string, IReadOnlyDictionary<string, string>>(graph.Edges)
        {
            ["Profile"] = new Dictionary<string, string> { ["Features.Contacts"] = "test edge" },
        };

        var cycles = ModuleGraph.FromEdges(withLoop).Cycles();

        Assert.Contains(cycles, cycle => cycle.Contains("Profile") && cycle.Contains("Features.Contacts"));
    }

    private static string Describe(IReadOnlyList<string> cycle) =>
        $"{string.Join(" <-> ", cycle)}:\n  " + string.Join("\n  ",
            cycle.SelectMany(from => App.Edges.GetValueOrDefault(from)?.Where(e => cycle.Contains(e.Key)).Select(e => e.Value) ?? []));
}
