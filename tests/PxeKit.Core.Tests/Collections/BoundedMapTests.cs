using PxeKit.Core.Collections;

namespace PxeKit.Core.Tests.Collections;

public sealed class BoundedMapTests
{
    [Fact]
    public void A_flood_of_keys_never_grows_it_past_its_capacity_and_pushes_out_the_least_recently_used()
    {
        var map = new BoundedMap<string, int>(1_000, StringComparer.Ordinal);
        map.Set("kept", 1);
        for (int n = 0; n < 100_000; n++)
        {
            map.Set($"forged {n}", n);
            if (n % 500 == 0)
            {
                Assert.True(map.TryGet("kept", out _));
            }
        }

        Assert.Equal(1_000, map.Count);
        Assert.True(map.TryGet("kept", out int kept));
        Assert.Equal(1, kept);
        Assert.True(map.TryGet("forged 99999", out _));
        Assert.False(map.TryGet("forged 0", out _));
    }

    [Fact]
    public void Once_full_it_allocates_nothing_to_set_a_known_key_or_a_new_one()
    {
        var map = new BoundedMap<int, int>(100);
        for (int n = 0; n < 100; n++)
        {
            map.Set(n, n);
        }

        map.Set(0, 0);
        map.Set(1_000, 0); // the first of each path, which compiles it, outside the count
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < 1_000; n++)
        {
            map.Set(n % 50, n); // known keys
            map.Set(10_000 + n, n); // new keys, each pushing the least recently used out
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100, map.Count);
        Assert.True(map.TryGet(10_999, out int newest));
        Assert.Equal(999, newest);
        Assert.True(map.TryGet(49, out int known));
        Assert.Equal(999, known);
        Assert.False(map.TryGet(10_000, out _));
    }

    [Fact]
    public void Setting_a_key_again_replaces_its_value_and_remove_frees_its_place()
    {
        var map = new BoundedMap<string, int>(2, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("a", 2);
        map.Set("b", 3);

        Assert.Equal(2, map.Count);
        Assert.True(map.TryGet("a", out int a));
        Assert.Equal(2, a);
        Assert.True(map.Remove("b"));
        Assert.False(map.Remove("b"));
        Assert.Equal(1, map.Count);
    }
}
