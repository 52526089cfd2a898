using Microsoft.Extensions.Logging;

namespace PxeKit.Server.Dhcp6;

/// <summary>DHCPv6's log messages: event ids 6000-6099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "DHCPv6 listening on {Interface} port {Port} ({Mode})")]
    public static partial void Listening(ILogger logger, string @interface, int port, Dhcp6Mode mode);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Dropped a DHCPv6 datagram from {Source} on {Interface}: {Reason} ({Length} bytes: {Hex})")]
    public static partial void Dropped(ILogger logger, string source, string @interface, string reason, int length, string hex);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Not for us: {What} from {Source}")]
    public static partial void NotForUs(ILogger logger, string what, string source);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "DHCPv6 listener on {Interface} stopped: {Reason}")]
    public static partial void Stopped(ILogger logger, string @interface, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "A DHCPv6 reply to {Destination} on {Interface} was dropped: {Reason}")]
    public static partial void ReplyDropped(ILogger logger, string destination, string @interface, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "The DHCPv6 range of {Interface} is used up: new clients get NoAddrsAvail")]
    public static partial void RangeExhausted(ILogger logger, string @interface);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "The DHCPv6 handler failed on a datagram from {Source} on {Interface}; it was dropped")]
    public static partial void HandlerFailed(ILogger logger, string source, string @interface, Exception exception);
}
