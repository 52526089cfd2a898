namespace PxeKit.Server.Tftp;

/// <summary>
/// The retransmission timeout of one transfer, learned from the round trips it sees (the estimator of RFC 6298,
/// TCP's: smoothed round trip plus four times its variation), between a floor and the configured timeout. On a
/// LAN that means a lost block is resent after the floor instead of after a whole second, which is what makes a
/// lossy link bearable for lock-step TFTP. Only acknowledgments of blocks sent once are measured (Karn's rule).
/// </summary>
internal sealed class RetransmitTimer
{
    private readonly TimeSpan _floor;
    private readonly TimeSpan _ceiling;
    private TimeSpan _smoothed;
    private TimeSpan _variation;
    private bool _measured;

    public RetransmitTimer(TimeSpan floor, TimeSpan ceiling)
    {
        _floor = floor;
        _ceiling = ceiling;
        Current = ceiling;
    }

    /// <summary>The timeout for the next wait: the ceiling until a round trip has been measured.</summary>
    public TimeSpan Current { get; private set; }

    /// <summary>Adds one measured round trip (RFC 6298 section 2, with alpha 1/8 and beta 1/4).</summary>
    public void Sample(TimeSpan roundTrip)
    {
        if (!_measured)
        {
            _smoothed = roundTrip;
            _variation = roundTrip / 2;
            _measured = true;
        }
        else
        {
            var error = (_smoothed - roundTrip).Duration();
            _variation = (_variation * 3 / 4) + (error / 4);
            _smoothed = (_smoothed * 7 / 8) + (roundTrip / 8);
        }

        var timeout = _smoothed + (_variation * 4);
        Current = timeout < _floor ? _floor : timeout > _ceiling ? _ceiling : timeout;
    }
}
