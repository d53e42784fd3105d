using ContactsAdmin.Data;
using ContactsAdmin.Features.Jobs;

namespace ContactsAdmin.Tests.Features.Jobs;

public class JobRateTests
{
    private static readonly DateTime Start = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);

    private static JobProgress Progress(long processed, long? total, TimeSpan elapsed, long runStartProcessed = 0, JobState state = JobState.Running) =>
        new(1, "import", "list.csv", "a@example.com", state, Start, Start, null, total, processed, processed,
            new Dictionary<string, long>(), null, Start + elapsed, Start, runStartProcessed);

    [Fact]
    public void Rate_is_items_done_in_this_run_per_second_and_time_left_is_the_rest_at_that_rate()
    {
        var rate = JobRate.Of(Progress(processed: 3_000, total: 10_000, TimeSpan.FromSeconds(2), runStartProcessed: 1_000));

        Assert.Equal(1_000, rate.ItemsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(7), rate.TimeLeft);
    }

    [Fact]
    public void Without_a_total_there_is_a_rate_but_no_time_left_and_before_any_item_neither()
    {
        Assert.Equal(new JobRate(500, null), JobRate.Of(Progress(processed: 1_000, total: null, TimeSpan.FromSeconds(2))));
        Assert.Equal(new JobRate(null, null), JobRate.Of(Progress(processed: 0, total: 100, TimeSpan.FromSeconds(2))));
    }

    [Fact]
    public void A_finished_job_has_no_time_left_and_a_succeeded_one_is_at_100_percent()
    {
        var done = Progress(processed: 90, total: 100, TimeSpan.FromSeconds(3), state: JobState.Succeeded);

        Assert.Null(JobRate.Of(done).TimeLeft);
        Assert.Equal(100, done.Percent);
        Assert.Equal(45, Progress(processed: 45, total: 100, TimeSpan.FromSeconds(3)).Percent);
    }

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Interrupted)]
    public void A_queued_or_interrupted_job_shows_no_rate(JobState state) =>
        Assert.Equal(new JobRate(null, null), JobRate.Of(Progress(processed: 400, total: 1_000, TimeSpan.FromSeconds(2), state: state)));

    [Theory]
    [InlineData(30, "under a minute left")]
    [InlineData(61, "about 2 min left")]
    [InlineData(3_900, "about 1 h 5 min left")]
    public void Time_left_reads_in_words(int seconds, string expected) =>
        Assert.Equal(expected, JobText.TimeLeft(TimeSpan.FromSeconds(seconds)));
}
