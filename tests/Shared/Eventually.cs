namespace PxeKit.Tests.Shared;

/// <summary>Waits for a condition, bounded in time: never a fixed sleep standing in for one.</summary>
internal static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test when it has not within <paramref name="within"/> (10 s by default).</summary>
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the condition did not come true in time");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>
    /// As <see cref="HoldsAsync(Func{bool}, TimeSpan?)"/> for a condition that must be asked for (a program to run),
    /// asked every 100 ms.
    /// </summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("the condition did not come true in time");
            }

            await Task.Delay(100);
        }
    }
}
