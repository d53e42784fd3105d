namespace ContactsAdmin.Data;

/// <summary>Where a long job (a seed, a load, an import from the command line) is: a stage and how far through it.</summary>
public sealed record StageProgress(string Stage, long Done, long Total);
