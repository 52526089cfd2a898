using System.Net;
using Microsoft.Extensions.Logging;

namespace PxeKit.Server.Dhcp;

/// <summary>DHCP log messages; event ids 1000-1999 (see docs/logging.md).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "DHCP listening on {Interface} port {Port}")]
    public static partial void Listening(ILogger logger, string @interface, int port);

    [LoggerMessage(1001, LogLevel.Information, "Dropped a datagram from {Source} on {Interface}: {Reason} ({Length} bytes: {Hex})")]
    public static partial void Dropped(ILogger logger, IPEndPoint source, string @interface, string reason, int length, string hex);

    [LoggerMessage(1002, LogLevel.Debug, "Not for us: {What} from {Source}")]
    public static partial void NotForUs(ILogger logger, string what, IPEndPoint source);

    [LoggerMessage(1003, LogLevel.Warning, "The address pool of {Interface} ({First}-{Last}) is exhausted: new clients get no offer")]
    public static partial void PoolExhausted(ILogger logger, string @interface, IPAddress first, IPAddress last);

    [LoggerMessage(1004, LogLevel.Error, "DHCP listener on {Interface} stopped: {Reason}")]
    public static partial void ListenerFailed(ILogger logger, string @interface, string reason, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Could not send a {Type} to {Destination}: {Reason}")]
    public static partial void SendFailed(ILogger logger, string type, IPEndPoint destination, string reason);

    [LoggerMessage(1006, LogLevel.Error, "The handler failed on a {Type} from {Mac}; the listener goes on")]
    public static partial void HandlerFailed(ILogger logger, string type, string mac, Exception exception);

    [LoggerMessage(1007, LogLevel.Debug, "Rate limit: dropped a request from {Mac} ({Source})")]
    public static partial void RateLimited(ILogger logger, string mac, IPEndPoint source);

    [LoggerMessage(1008, LogLevel.Warning, "The {Type} for {Mac} does not fit a datagram and is not sent: {Reason}")]
    public static partial void ReplyTooLarge(ILogger logger, string type, string mac, string reason);

    [LoggerMessage(1009, LogLevel.Error, "The {Type} for {Mac} is not sent: its lease could not be stored ({Reason})")]
    public static partial void LeaseNotStored(ILogger logger, string type, string mac, string reason, Exception exception);

    [LoggerMessage(1010, LogLevel.Error, "The lease store cannot write ({Failure}: {Reason}): leases are not extended; renewing clients are ACKed with the time their stored lease has left, new clients get no lease")]
    public static partial void LeaseStoreFailed(ILogger logger, string failure, string reason);

    [LoggerMessage(1011, LogLevel.Information, "The lease store writes again: meanwhile {NotExtended} renewals were ACKed without extension and {NotStored} leases were not given")]
    public static partial void LeaseStoreRecovered(ILogger logger, int notExtended, int notStored);

    [LoggerMessage(1012, LogLevel.Warning, "Addresses are offered on {Interface} without an ARP probe first: {Reason}")]
    public static partial void ProbeUnavailable(ILogger logger, string @interface, string reason);

    [LoggerMessage(1013, LogLevel.Debug, "The ARP probe of {Address} failed: {Reason}")]
    public static partial void ProbeFailed(ILogger logger, IPAddress address, string reason);

    [LoggerMessage(1014, LogLevel.Warning, "{Address} is in use by {Claimant}, which answered the ARP probe: it is set aside and not offered")]
    public static partial void AddressInUse(ILogger logger, IPAddress address, string claimant);

    [LoggerMessage(1015, LogLevel.Warning, "DHCP on {Interface} is busy: {Waiting} requests wait for the lease database; new DISCOVERs are dropped (the clients ask again) and REQUESTs are served until the backlog is gone")]
    public static partial void Busy(ILogger logger, string @interface, int waiting);

    [LoggerMessage(1016, LogLevel.Information, "DHCP on {Interface} is no longer busy; {Dropped} DISCOVERs dropped while busy since start")]
    public static partial void NoLongerBusy(ILogger logger, string @interface, long dropped);
}
