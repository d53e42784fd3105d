using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ContactsAdmin.Tests.Browser;

/// <summary>The accessibility bar every page meets: axe-core's WCAG 2.1 A and AA rules, nothing serious or critical.</summary>
public static class WcagChecks
{
    public static async Task AssertAccessibleAsync(IPage page)
    {
        // Colours are measured as drawn: a button turning enabled fades from the disabled grey for a quarter second, and
        // axe caught the card's Save mid-fade (white on #e1e1e1) in a CI run. So does a tooltip: the pointer left resting on
        // the button a test clicked (the theme switch) opened one, and axe caught it fading in (#a8a8ac on #4d4d52) in
        // another. The pointer goes to a corner without tooltips and the page waits until none is open.
        await Stillness.WaitForNoTooltipAsync(page);
        await Stillness.WaitForTransitionsAsync(page);
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target) + ": " + string.Join("; ", n.Any.Select(c => c.Message))))})").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }
}
