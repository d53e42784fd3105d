namespace ContactsAdmin.Components.Shared;

/// <summary>A CSV download offered by <see cref="ExportMenu"/>: what it holds, and its URL.</summary>
public sealed record ExportLink(string Label, string Href, string Id);
