namespace PxeKit.Load.Conformance;

/// <summary>How a crafted message reaches the server, and so where its answer comes back.</summary>
public enum DhcpPath
{
    /// <summary>From port 68, broadcast to port 67, as a client without an address sends (answers broadcast, or to port 68).</summary>
    Broadcast,

    /// <summary>From port 68, unicast to the server's port 67 (a RELEASE, RFC 2131 4.4.4).</summary>
    Unicast,

    /// <summary>From the second address' port 67, unicast to the server's port 67, as a relay agent forwards (RFC 1542 4.1).</summary>
    Relay,
}
