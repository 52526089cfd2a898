namespace PxeKit.Server.Tests.Dhcp;

/// <summary>
/// A clock the test moves by hand. <see cref="Advance"/> moves the wall clock and the monotonic timestamps together,
/// as time passing does; <see cref="SetWallClock"/> moves the wall clock alone, as NTP stepping the clock of a machine
/// without an RTC does (<c>FakeTimeProvider</c> cannot: its timestamps follow its wall clock).
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private long _timestamp = 1_000_000_000;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _timestamp;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by)
    {
        _now += by;
        _timestamp += by.Ticks;
    }

    /// <summary>Sets the wall clock, forward or back; the timestamps do not move.</summary>
    public void SetWallClock(DateTimeOffset now) => _now = now;
}
