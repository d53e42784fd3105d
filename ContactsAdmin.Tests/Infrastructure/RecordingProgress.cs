using ContactsAdmin.Data;

namespace ContactsAdmin.Tests.Infrastructure;

/// <summary>Keeps every progress report as it comes (synchronously, unlike <see cref="Progress{T}"/>, which posts them later).</summary>
internal sealed class RecordingProgress : IProgress<StageProgress>
{
    public List<StageProgress> Reports { get; } = [];

    /// <summary>The stages in the order they began.</summary>
    public List<string> Stages => Reports.Select(r => r.Stage).Distinct().ToList();

    public void Report(StageProgress value) => Reports.Add(value);
}
