using PxeKit.Server.Tftp;

namespace PxeKit.Server.Tests.Tftp;

public sealed class RetransmitTimerTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(1);

    [Fact]
    public void Before_any_round_trip_the_timeout_is_the_configured_one()
    {
        Assert.Equal(Ceiling, new RetransmitTimer(Floor, Ceiling).Current);
    }

    [Fact]
    public void A_fast_lan_brings_the_timeout_down_to_the_floor()
    {
        var timer = new RetransmitTimer(Floor, Ceiling);
        for (int i = 0; i < 20; i++)
        {
            timer.Sample(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(Floor, timer.Current);
    }

    [Fact]
    public void A_slow_path_follows_its_round_trips_and_never_passes_the_ceiling()
    {
        var timer = new RetransmitTimer(Floor, Ceiling);

        // RFC 6298: the first sample R gives SRTT = R and RTTVAR = R/2, so RTO = R + 4 * R/2 = 3R.
        timer.Sample(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(300), timer.Current);

        timer.Sample(TimeSpan.FromSeconds(5));
        Assert.Equal(Ceiling, timer.Current);
    }
}
