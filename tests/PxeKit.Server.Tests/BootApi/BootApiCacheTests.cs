using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Server.BootApi;

namespace PxeKit.Server.Tests.BootApi;

/// <summary>The boot API's answers per MAC on a fake clock: kept for their time, failures never, questions shared, the count bounded.</summary>
public sealed class BootApiCacheTests
{
    private const string Mac = "52:54:00:12:34:56";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private static readonly Uri Api = new("http://provisioner:8080/v1/boot/" + Mac);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private int _asked;

    private static BootApiAnswer Booting => BootApiAnswer.Boot(new BootApiKernel(new Uri("http://p/vmlinuz"), [], "", null));

    private Func<string, Task<BootApiAnswer>> Answering(BootApiAnswer answer) => _ =>
    {
        Interlocked.Increment(ref _asked);
        return Task.FromResult(answer);
    };

    [Fact]
    public async Task A_boot_is_kept_until_its_time_is_up_then_asked_again()
    {
        var cache = new BootApiCache(16, Ttl, _clock);

        await cache.GetOrAsk(Mac, Answering(Booting));
        _clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        var kept = await cache.GetOrAsk(Mac, Answering(Booting));
        Assert.Equal(1, _asked);
        Assert.NotNull(kept.Kernel);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await cache.GetOrAsk(Mac, Answering(Booting));
        Assert.Equal(2, _asked);
    }

    [Fact]
    public async Task A_404_is_kept_too()
    {
        var cache = new BootApiCache(16, Ttl, _clock);

        await cache.GetOrAsk(Mac, Answering(BootApiAnswer.NotForUs));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var again = await cache.GetOrAsk(Mac, Answering(Booting));

        Assert.Same(BootApiAnswer.NotForUs, again);
        Assert.Equal(1, _asked);
    }

    [Fact]
    public async Task A_failure_is_not_kept_the_next_request_asks_again()
    {
        var cache = new BootApiCache(16, Ttl, _clock);

        var failed = await cache.GetOrAsk(Mac, Answering(BootApiAnswer.Failed(Api, BootApiFailure.BadStatus, "HTTP 500", 500)));
        var next = await cache.GetOrAsk(Mac, Answering(Booting));

        Assert.Equal(BootApiFailure.BadStatus, failed.Failure?.Failure);
        Assert.NotNull(next.Kernel);
        Assert.Equal(2, _asked);
    }

    [Fact]
    public async Task Requests_for_one_mac_while_its_question_is_under_way_share_it()
    {
        var cache = new BootApiCache(16, Ttl, _clock);
        var answer = new TaskCompletionSource<BootApiAnswer>();

        var first = cache.GetOrAsk(Mac, _ => { Interlocked.Increment(ref _asked); return answer.Task; });
        var second = cache.GetOrAsk(Mac, Answering(BootApiAnswer.NotForUs));
        Assert.False(first.IsCompleted);
        answer.SetResult(Booting);

        Assert.Same(await first, await second);
        Assert.Equal(1, _asked);
    }

    [Fact]
    public async Task The_count_is_bounded_and_the_mac_used_least_recently_goes()
    {
        var cache = new BootApiCache(2, Ttl, _clock);

        await cache.GetOrAsk("52:54:00:00:00:01", Answering(Booting));
        await cache.GetOrAsk("52:54:00:00:00:02", Answering(Booting));
        await cache.GetOrAsk("52:54:00:00:00:01", Answering(Booting));
        await cache.GetOrAsk("52:54:00:00:00:03", Answering(Booting));
        Assert.Equal((2, 3), (cache.Count, _asked));

        await cache.GetOrAsk("52:54:00:00:00:01", Answering(Booting));
        Assert.Equal(3, _asked);
        await cache.GetOrAsk("52:54:00:00:00:02", Answering(Booting));
        Assert.Equal(4, _asked);
    }

    [Fact]
    public async Task A_question_that_throws_fails_its_requests_and_is_not_kept()
    {
        var cache = new BootApiCache(16, Ttl, _clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAsk(Mac, _ => throw new InvalidOperationException("bug")));
        var next = await cache.GetOrAsk(Mac, Answering(Booting));

        Assert.NotNull(next.Kernel);
        Assert.Equal(1, cache.Count);
    }
}
