using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using RouteData = Microsoft.AspNetCore.Components.RouteData;

namespace ContactsAdmin.Components.Shared;

/// <summary>
/// Moves the keyboard focus to the page's heading when another page shows, so a screen reader announces it (what
/// Blazor's FocusOnNavigate does), except where the user already put the focus when the circuit takes over the
/// prerendered page. FocusOnNavigate focuses the heading then too, a round trip after the page turns interactive:
/// someone who had clicked into the search box by then lost the focus mid-word, and every key after it.
/// </summary>
public sealed class PageHeadingFocus : ComponentBase, IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public RouteData RouteData { get; set; } = default!;

    /// <summary>The CSS selector of the element to focus: the page's heading.</summary>
    [Parameter, EditorRequired] public string Selector { get; set; } = "";

    private Type? shownPage;
    private bool focusPending;
    private IJSObjectReference? browser;

    protected override void OnParametersSet()
    {
        if (RouteData.PageType == shownPage) return;
        shownPage = RouteData.PageType;
        focusPending = true;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // Without a circuit (the static Identity pages, a prerender) Blazor's own does what it did: its script focuses the
        // heading of a static page once loaded. In the circuit this component does it instead (OnAfterRenderAsync).
        if (RendererInfo.IsInteractive) return;
        builder.OpenComponent<FocusOnNavigate>(0);
        builder.AddComponentParameter(1, nameof(FocusOnNavigate.RouteData), RouteData);
        builder.AddComponentParameter(2, nameof(FocusOnNavigate.Selector), Selector);
        builder.CloseComponent();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!focusPending) return;
        focusPending = false;
        browser ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/browser.js");
        // The first render is the circuit taking over the page the user already sees: the focus stays where they put it.
        await browser.InvokeVoidAsync("focusPageHeading", Selector, firstRender);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is null) return;
        try { await browser.DisposeAsync(); }
        catch (JSDisconnectedException) { }   // the circuit went first; nothing is left to release
    }
}
