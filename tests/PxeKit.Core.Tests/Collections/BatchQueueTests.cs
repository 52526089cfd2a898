using PxeKit.Core.Collections;

namespace PxeKit.Core.Tests.Collections;

public sealed class BatchQueueTests
{
    [Fact]
    public void What_gathered_is_taken_as_one_batch_in_order_and_no_more_than_asked()
    {
        var queue = new BatchQueue<int>();
        for (int n = 1; n <= 5; n++)
        {
            Assert.True(queue.TryAdd(n));
        }

        var batch = new List<int>();
        Assert.True(queue.TakeAll(batch, 3));
        Assert.Equal([1, 2, 3], batch);

        batch.Clear();
        Assert.True(queue.TakeAll(batch, 100));
        Assert.Equal([4, 5], batch);
    }

    [Fact]
    public void Past_its_capacity_an_add_is_refused_at_once_and_the_takers_batch_counts_until_it_asks_again()
    {
        var queue = new BatchQueue<string>(capacity: 2);
        Assert.True(queue.TryAdd("a"));
        Assert.True(queue.TryAdd("b"));
        Assert.False(queue.TryAdd("c"));

        var batch = new List<string>();
        Assert.True(queue.TakeAll(batch, 1));
        // "a" is still the taker's: a stalled taker holds no more than the capacity either.
        Assert.False(queue.TryAdd("c"));
        batch.Clear();
        Assert.True(queue.TakeAll(batch, 10));
        Assert.Equal(["b"], batch);
        Assert.True(queue.TryAdd("c"));
        Assert.False(queue.TryAdd("d"));
    }

    [Fact]
    public async Task A_waiting_taker_is_woken_by_an_add_and_gets_what_was_queued_before_it_ran()
    {
        var queue = new BatchQueue<int>();
        var batch = new List<int>();
        var started = new TaskCompletionSource();
        var taken = Task.Factory.StartNew(() =>
        {
            started.SetResult();
            return queue.TakeAll(batch, 100);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await started.Task;

        queue.TryAdd(7);

        Assert.True(await taken.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(7, batch);
    }

    [Fact]
    public async Task Completed_it_refuses_adds_yet_hands_over_what_is_queued_and_then_wakes_the_taker_with_false()
    {
        var queue = new BatchQueue<int>();
        queue.TryAdd(1);
        queue.Complete();

        Assert.True(queue.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => queue.TryAdd(2));
        var batch = new List<int>();
        Assert.True(queue.TakeAll(batch, 10));
        Assert.Equal([1], batch);
        Assert.False(queue.TakeAll(batch, 10));

        var empty = new BatchQueue<int>();
        var waiting = Task.Factory.StartNew(() => empty.TakeAll([], 10), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        empty.Complete();
        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Items_added_from_several_threads_while_it_takes_all_arrive_once_each_and_each_adders_in_its_order()
    {
        const int Adders = 4;
        const int Each = 20_000;
        var queue = new BatchQueue<(int Adder, int N)>();
        var taken = new List<(int Adder, int N)>();
        var taker = Task.Factory.StartNew(() =>
        {
            var batch = new List<(int, int)>();
            while (queue.TakeAll(batch, 64))
            {
                taken.AddRange(batch);
                batch.Clear();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await Task.WhenAll(Enumerable.Range(0, Adders).Select(adder => Task.Run(() =>
        {
            for (int n = 0; n < Each; n++)
            {
                Assert.True(queue.TryAdd((adder, n)));
            }
        })));
        queue.Complete();
        await taker.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Adders * Each, taken.Count);
        foreach (var group in taken.GroupBy(t => t.Adder))
        {
            Assert.Equal(Enumerable.Range(0, Each), group.Select(t => t.N));
        }
    }

    [Fact]
    public async Task A_gathering_taker_is_woken_early_only_by_a_full_batch()
    {
        var queue = new BatchQueue<int>();
        var batch = new List<int>();
        var taken = Task.Factory.StartNew(() => queue.TakeAll(batch, 50, gather: TimeSpan.FromMinutes(10)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        for (int n = 1; n <= 50; n++)
        {
            queue.TryAdd(n);
        }

        // Ten minutes to gather: only the fiftieth item can have ended the wait within the test's bound.
        Assert.True(await taken.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(Enumerable.Range(1, 50), batch);
    }

    [Fact]
    public async Task A_gathering_taker_gets_what_came_once_the_time_is_up_or_the_queue_completes()
    {
        var queue = new BatchQueue<int>();
        var batch = new List<int>();
        queue.TryAdd(1);
        Assert.True(queue.TakeAll(batch, 50, gather: TimeSpan.FromMilliseconds(20)));
        Assert.Equal([1], batch);

        batch.Clear();
        var taken = Task.Factory.StartNew(() => queue.TakeAll(batch, 50, gather: TimeSpan.FromMinutes(10)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        queue.TryAdd(2);
        queue.Complete();
        Assert.True(await taken.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([2], batch);
    }
}
