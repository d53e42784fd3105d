using ContactsAdmin.Data;
using ContactsAdmin.Features.Contacts.Deleting;
using ContactsAdmin.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ContactsAdmin.Features.Contacts.Bulk;

/// <summary>
/// Runs a bulk action (<see cref="BulkJobParameters"/>) as a background job: counts the selection for the job's total,
/// then goes through it in id order a batch at a time, each batch in one transaction, and records after each the last
/// id it finished, so a job stopped by a cancel or a restart goes on after that id and does no contact twice.
/// </summary>
public sealed class BulkJobHandler(
    IDbContextFactory<AppDbContext> dbFactory, BulkSelectionReader selections, EmailStatusBulkWriter emailWriter, ContactDeletion deletion,
    TimeProvider clock) : IJobHandler
{
    /// <summary>Contacts per batch of set-based writes (categories): thousands per statement, few statements per batch.</summary>
    public const int SetBatchSize = 5_000;
    /// <summary>Contacts per batch of writes made one contact at a time (email events, deletes): progress moves every second or so.</summary>
    public const int OneByOneBatchSize = 500;

    public string Kind => BulkJobParameters.JobKind;

    public async Task RunAsync(JobContext job, CancellationToken stopping)
    {
        var parameters = job.ParametersAs<BulkJobParameters>();
        if (job.Total is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(stopping);
            await job.SetTotalAsync(await selections.CountAsync(db, parameters.Selection, stopping));
        }
        var category = await CategoryAsync(parameters, stopping);
        var size = BulkActionRules.NeedsCategory(parameters.Action) ? SetBatchSize : OneByOneBatchSize;

        for (var after = job.ResumeAfter; ;)
        {
            List<long> ids;
            Dictionary<string, long> outcomes;
            await using (var db = await dbFactory.CreateDbContextAsync(stopping))
            {
                ids = await BulkSelectionReader.NextBatchAsync(db, parameters.Selection, after, size, stopping);
                if (ids.Count == 0) return;
                var batch = new BulkBatch(ids, parameters, job.JobId, job.StartedBy, clock.GetUtcNow().UtcDateTime);
                outcomes = await WriteAsync(db, batch, category, stopping);
            }
            after = ids[^1];
            await job.ReportBatchAsync(new JobBatch(ids.Count, after, outcomes));
        }
    }

    private async Task<Dictionary<string, long>> WriteAsync(AppDbContext db, BulkBatch batch, SubscriptionCategory? category, CancellationToken stopping)
    {
        if (batch.Parameters.Action == BulkAction.Delete) return await DeleteAsync(batch, stopping);
        await using var transaction = await db.Database.BeginTransactionAsync(stopping);
        var outcomes = category is not null
            ? await CategoryBulkWriter.WriteAsync(db, batch, category, batch.Parameters.Action == BulkAction.AddToCategory, stopping)
            : await emailWriter.WriteAsync(db, batch, stopping);
        await transaction.CommitAsync(stopping);
        return outcomes;
    }

    /// <summary>Each contact as the card deletes one (<see cref="ContactDeletion"/>): with all it owns, recorded in the audit log.</summary>
    private async Task<Dictionary<string, long>> DeleteAsync(BulkBatch batch, CancellationToken stopping)
    {
        var (deleted, gone) = (0, 0);
        foreach (var id in batch.Ids)
        {
            if (await deletion.DeleteAsync(id, batch.Actor, stopping) is null) gone++;
            else deleted++;
        }
        return BulkOutcomes.Of((BulkOutcomes.Deleted, deleted), (BulkOutcomes.AlreadyDeleted, gone));
    }

    /// <summary>The category of an add or remove; one archived or deleted since the job was queued stops the job.</summary>
    private async Task<SubscriptionCategory?> CategoryAsync(BulkJobParameters parameters, CancellationToken ct)
    {
        if (!BulkActionRules.NeedsCategory(parameters.Action)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.SubscriptionCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == parameters.CategoryId, ct)
            ?? throw new InvalidOperationException("The category no longer exists.");
        // As on the card: an archived category takes no new subscriptions; removing from it stays possible.
        if (parameters.Action == BulkAction.AddToCategory && category.ArchivedAt is not null)
            throw new InvalidOperationException($"{category.Name} is archived: it takes no new subscriptions.");
        return category;
    }
}
