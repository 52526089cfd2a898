using PxeKit.Core.Capture;

namespace PxeKit.Diagnostics.Capture;

/// <summary>
/// What a <see cref="LiveCapture"/> hands its frames to. Every call comes on the capture's one thread, in order,
/// so a consumer needs no lock of its own for what only these calls touch.
/// </summary>
public interface IFrameConsumer
{
    /// <summary>One frame that passed the capture's filter, as it arrived.</summary>
    void OnFrame(in CapturedFrame frame);

    /// <summary>About once a second, with frames or without: time to end what has gone quiet.</summary>
    void OnTick(DateTimeOffset now)
    {
    }

    /// <summary>The capture failed (the interface went away, say) and has stopped; the last call.</summary>
    /// <param name="reason">libpcap's reason, for a person.</param>
    void OnFailed(string reason)
    {
    }
}
