using PxeKit.Core.Collections;

namespace PxeKit.Server.Leases;

/// <summary>
/// Group commit: writes queue up while the previous batch is being made durable, and the next batch
/// takes every write that is waiting, so a burst of ACKs costs one fsync instead of one each. Writes
/// are applied in the order they were queued, on one thread of their own. Each write's task completes
/// once its batch is durable, or faults with the batch's error (the whole batch is rolled back).
/// </summary>
/// <typeparam name="T">One write, as the commit delegate understands it.</typeparam>
internal sealed class GroupCommit<T> : IDisposable
{
    /// <summary>A bound on one transaction, so one burst cannot hold the next writes back for long.</summary>
    private const int MaximumBatch = 4096;

    /// <summary>
    /// Under load, how long a batch gathers before it is committed (as PostgreSQL's commit_delay): a writer woken for
    /// every write committed batches of one or two, a sync and a context switch each. Only when the last batch had
    /// company, so that a lone ACK on a quiet network waits for its sync alone.
    /// </summary>
    private static readonly TimeSpan CommitDelay = TimeSpan.FromMilliseconds(1);

    private readonly BatchQueue<(T Write, TaskCompletionSource Done)> _queue = new();
    private readonly Action<IReadOnlyList<T>> _commit;
    private readonly Thread _thread;
    private bool _disposed;

    /// <param name="name">The writer thread's name (it shows in a debugger or a dump).</param>
    /// <param name="commit">Applies a batch in one transaction and returns once it is durable; throws to fail it.</param>
    public GroupCommit(string name, Action<IReadOnlyList<T>> commit)
    {
        _commit = commit;
        _thread = new Thread(Run) { Name = name, IsBackground = true };
        _thread.Start();
    }

    /// <summary>Queues a write; the task completes once it is durable.</summary>
    public Task Enqueue(T write)
    {
        // Continuations run on the thread pool, never on the writer: a caller that sends an ACK
        // when its task completes must not delay the next batch.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.TryAdd((write, done));
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(GroupCommit<T>), "the lease store is closed");
        }

        return done.Task;
    }

    private void Run()
    {
        var batch = new List<(T Write, TaskCompletionSource Done)>();
        var writes = new List<T>();
        var gather = TimeSpan.Zero;
        while (_queue.TakeAll(batch, MaximumBatch, gather))
        {
            gather = batch.Count > 1 ? CommitDelay : TimeSpan.Zero;
            writes.AddRange(batch.Select(b => b.Write));
            Exception? failure = null;
            try
            {
                _commit(writes);
            }
            catch (Exception e)
            {
                // The writer must go on for the next batch: its callers are told, and decide.
                failure = e;
            }

            foreach (var (_, done) in batch)
            {
                if (failure is null)
                {
                    done.TrySetResult();
                }
                else
                {
                    done.TrySetException(failure);
                }
            }

            batch.Clear();
            writes.Clear();
        }
    }

    /// <summary>Commits every write already queued, then stops the writer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _queue.Complete();
        _thread.Join();
    }
}
