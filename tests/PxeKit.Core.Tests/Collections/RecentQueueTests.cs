using PxeKit.Core.Collections;

namespace PxeKit.Core.Tests.Collections;

public sealed class RecentQueueTests
{
    [Fact]
    public void Keeps_the_newest_up_to_its_capacity_oldest_first()
    {
        var recent = new RecentQueue<int>(3);
        for (int i = 1; i <= 5; i++)
        {
            recent.Add(i);
        }

        Assert.Equal([3, 4, 5], recent);
        Assert.Equal(3, recent.Count);
    }

    [Fact]
    public void Below_its_capacity_it_keeps_everything()
    {
        var recent = new RecentQueue<string>(4);
        recent.Add("a");
        recent.Add("b");

        Assert.Equal(["a", "b"], recent);
    }

    [Fact]
    public void Contains_only_what_it_still_keeps()
    {
        var recent = new RecentQueue<uint>(2);
        recent.Add(1);
        recent.Add(2);
        recent.Add(3);

        Assert.False(recent.Contains(1));
        Assert.True(recent.Contains(2));
        Assert.True(recent.Contains(3));
    }

    [Fact]
    public void A_capacity_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentQueue<int>(0));
}
