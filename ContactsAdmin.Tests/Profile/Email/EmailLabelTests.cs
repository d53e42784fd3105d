using ContactsAdmin.Data;
using ContactsAdmin.Profile.Email;

namespace ContactsAdmin.Tests.Profile.Email;

/// <summary>Email events, unsubscribe reasons and blacklist scopes read as sentences, never as enum names.</summary>
public class EmailLabelTests
{
    [Fact]
    public void An_unsubscribe_on_request_reads_as_words()
    {
        var e = new EmailEvent { Kind = EmailEventKind.Unsubscribed, UnsubscribeReason = UnsubscribeReason.ByUserOnRequest };

        Assert.Equal("Unsubscribed on request", EmailEventLabel.Of(e));
    }

    [Theory]
    [InlineData(BlacklistScope.Local, BlacklistReason.Manual, "Blacklisted by an Admin (local list)")]
    [InlineData(BlacklistScope.Local, BlacklistReason.SpamTrap, "Blacklisted by an Admin (local list): Spam trap")]
    [InlineData(BlacklistScope.System, BlacklistReason.NonExistentAddress, "Blacklisted automatically (system list): Non-existent address")]
    public void A_blacklisting_says_which_list_and_why(BlacklistScope scope, BlacklistReason reason, string label)
    {
        var e = new EmailEvent { Kind = EmailEventKind.BlacklistAdded, BlacklistScope = scope, BlacklistReason = reason };

        Assert.Equal(label, EmailEventLabel.Of(e));
    }

    [Fact]
    public void No_event_reason_or_scope_label_is_an_enum_name()
    {
        var labels = Enum.GetValues<UnsubscribeReason>().Select(r => (Name: r.ToString(), Label: EmailEventLabel.Of(new EmailEvent { Kind = EmailEventKind.Unsubscribed, UnsubscribeReason = r })))
            .Concat(Enum.GetValues<EmailEventKind>().Select(k => (Name: k.ToString(), Label: EmailEventLabel.Of(k))))
            .Concat(Enum.GetValues<BlacklistScope>().Select(s => (Name: s.ToString(), Label: BlacklistScopeLabel.Of(s))));

        Assert.All(labels, pair => Assert.DoesNotMatch(@"\b[A-Z][a-z]+[A-Z]\w*\b", pair.Label));   // SoftBounce, ByUserOnRequest
    }

    [Fact]
    public void The_reasons_an_admin_may_choose_are_every_reason_once()
    {
        Assert.Equal(Enum.GetValues<BlacklistReason>().Order(), BlacklistReasonLabel.Choosable.Order());
    }
}
