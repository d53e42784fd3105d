using ContactsAdmin.Components.Shared;
using MudBlazor;

namespace ContactsAdmin.Tests.Components;

public class LeanIconTests
{
    [Fact]
    public void Drops_the_transparent_bounding_box_and_keeps_the_glyph()
    {
        // <path d="M0 0h24v24H0z" fill="none"/><path d="M16 11c1.66 …"/>
        var lean = LeanIcon.Of(Icons.Material.Filled.People);

        Assert.DoesNotContain("fill=\"none\"", lean);
        Assert.Equal(1, Count(lean, "<path"));
        Assert.Contains("M16 11c1.66", lean);
    }

    [Fact]
    public void Unwraps_plain_groups_and_removes_emptied_ones()
    {
        // <g><rect fill="none" height="24" width="24"/></g><g><path d="M12 2C6.48 …"/></g>
        var lean = LeanIcon.Of(Icons.Material.Filled.AccountCircle);

        Assert.DoesNotContain("<g", lean);
        Assert.DoesNotContain("<rect", lean);
        Assert.StartsWith("<path d=\"M12 2C6.48", lean);
    }

    [Fact]
    public void A_path_three_groups_deep_comes_out_whole_and_alone()
    {
        // <g><rect fill="none" height="24" width="24"/></g><g><g><g><path d="M2.5,4v3h5v12h3V7h5V4H2.5z …"/></g></g></g>
        var lean = LeanIcon.Of(Icons.Material.Filled.TextFields);

        Assert.Equal("<path d=\"M2.5,4v3h5v12h3V7h5V4H2.5z M21.5,9h-9v3h3v7h3v-7h3V9z\"/>", lean);
    }

    [Fact]
    public void A_group_with_attributes_and_an_icon_with_strokes_are_kept_as_they_are()
    {
        const string grouped = "<g transform=\"rotate(90 12 12)\"><path d=\"M1 1h2\"/></g>";
        const string stroked = "<path d=\"M4 4h16\" fill=\"none\" stroke=\"currentColor\"/>";

        Assert.Equal(grouped, LeanIcon.Of(grouped));
        Assert.Equal(stroked, LeanIcon.Of(stroked));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
