namespace PxeKit.Diagnostics.Trace;

/// <summary>Where a TFTP transfer seen on the wire ended.</summary>
public enum TftpOutcome
{
    /// <summary>Still going (or cut off by the end of the capture).</summary>
    Open,
    /// <summary>The last block was sent and acknowledged.</summary>
    Complete,
    /// <summary>The server answered with an ERROR.</summary>
    Refused,
    /// <summary>The client ended it with an ERROR (often after learning the size from the OACK).</summary>
    ClientAborted,
    /// <summary>Nothing moved for longer than the stall limit, or the capture ended with it unfinished.</summary>
    Stalled,
}
