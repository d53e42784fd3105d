using ContactsAdmin.Features.Activities;

namespace ContactsAdmin.Tests.Features.Activities;

/// <summary>How an activity's stored details are read for the grid.</summary>
public class ActivityDetailsTests
{
    [Fact]
    public void The_link_the_bounce_and_the_other_values_are_told_apart()
    {
        var details = ActivityDetails.Parse("""
            {"bounceType":"hard","smtpCode":"5.1.1","diagnostic":"550 5.1.1 user unknown","link":"https://shop.example/sale","campaign":"spring","quantity":2,"gift":true,"tags":["a","b"],"note":null}
            """);

        Assert.Equal(("https://shop.example/sale", "Hard bounce", "5.1.1", "550 5.1.1 user unknown"),
            (details.Link, details.BounceLabel, details.SmtpCode, details.Diagnostic));
        Assert.Equal([KeyValuePair.Create("campaign", "spring"), KeyValuePair.Create("quantity", "2"), KeyValuePair.Create("gift", "yes"), KeyValuePair.Create("tags", """["a","b"]"""), KeyValuePair.Create("note", "")],
            details.Parameters);
        Assert.Equal("Hard bounce · 5.1.1", details.Summary);
    }

    [Theory]
    [InlineData("""{"link":"https://shop.example/sale?utm_source=sms"}""", "https://shop.example/sale?utm_source=sms")]
    [InlineData("""{"productId":"SKU-1","price":19.99,"currency":"EUR","quantity":1}""", "productId: SKU-1, price: 19.99, currency: EUR")]
    [InlineData("""{"bounceType":"soft","smtpCode":"4.2.2"}""", "Soft bounce · 4.2.2")]
    public void The_summary_line_shows_the_bounce_else_the_link_else_the_first_parameters(string json, string summary)
    {
        Assert.Equal(summary, ActivityDetails.Parse(json).Summary);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    public void No_details_are_empty(string? json)
    {
        Assert.True(ActivityDetails.Parse(json).IsEmpty);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2]")]
    public void Details_that_are_not_a_JSON_object_are_shown_as_they_are(string text)
    {
        Assert.Equal([KeyValuePair.Create("details", text)], ActivityDetails.Parse(text).Parameters);
    }
}
