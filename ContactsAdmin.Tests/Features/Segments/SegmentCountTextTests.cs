using ContactsAdmin.Features.Segments;

namespace ContactsAdmin.Tests.Features.Segments;

/// <summary>How the list says a count's age and size.</summary>
public class SegmentCountTextTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "counted just now")]
    [InlineData(5, "counted 5 min ago")]
    [InlineData(59, "counted 59 min ago")]
    [InlineData(180, "counted 3 h ago")]
    [InlineData(24 * 60, "counted 1 day ago")]
    [InlineData(3 * 24 * 60, "counted 3 days ago")]
    public void The_age_reads_in_the_largest_whole_unit(int minutesAgo, string expected) =>
        Assert.Equal(expected, SegmentCountText.Age(Now.AddMinutes(-minutesAgo), Now));

    [Fact]
    public void A_segment_never_counted_says_so()
    {
        Assert.Equal("Not counted yet", SegmentCountText.Members(null));
        Assert.Equal("", SegmentCountText.Age(null, Now));
        Assert.Equal("1 contact", SegmentCountText.Members(1));
    }
}
