namespace ContactsAdmin.Components.Shared;

/// <summary>A page of a server-paged grid: its zero-based index and its size.</summary>
public readonly record struct GridPage(int Index, int Size);
