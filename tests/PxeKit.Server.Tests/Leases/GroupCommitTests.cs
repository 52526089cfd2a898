using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Writes_queued_while_a_batch_commits_go_into_one_next_batch_in_order()
    {
        var batches = new List<int[]>();
        using var firstBatchStarted = new ManualResetEventSlim();
        using var releaseFirstBatch = new ManualResetEventSlim();
        using var commit = new GroupCommit<int>("test writer", writes =>
        {
            batches.Add([.. writes]);
            if (batches.Count == 1)
            {
                firstBatchStarted.Set();
                releaseFirstBatch.Wait(TimeSpan.FromSeconds(10));
            }
        });

        var first = commit.Enqueue(0);
        Assert.True(firstBatchStarted.Wait(TimeSpan.FromSeconds(10)));
        // The first batch is "syncing": these 100 arrive meanwhile and must share one commit.
        var rest = Enumerable.Range(1, 100).Select(commit.Enqueue).ToArray();
        Assert.False(rest[0].IsCompleted);
        releaseFirstBatch.Set();
        await Task.WhenAll([first, .. rest]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, batches.Count);
        Assert.Equal([0], batches[0]);
        Assert.Equal(Enumerable.Range(1, 100), batches[1]);
    }

    [Fact]
    public async Task A_failed_batch_faults_its_writes_and_the_writer_goes_on()
    {
        using var commit = new GroupCommit<int>("test writer", writes =>
        {
            if (writes.Contains(13))
            {
                throw new IOException("disk full");
            }
        });

        var failed = await Assert.ThrowsAsync<IOException>(() => commit.Enqueue(13).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("disk full", failed.Message);
        await commit.Enqueue(14).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Dispose_commits_what_is_queued_and_then_refuses_more()
    {
        var committed = new List<int>();
        var commit = new GroupCommit<int>("test writer", writes =>
        {
            Thread.Sleep(20);
            committed.AddRange(writes);
        });
        var tasks = Enumerable.Range(0, 50).Select(commit.Enqueue).ToArray();
        commit.Dispose();

        Assert.All(tasks, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(Enumerable.Range(0, 50), committed);
        Assert.Throws<ObjectDisposedException>(() => { _ = commit.Enqueue(51); });
    }
}
