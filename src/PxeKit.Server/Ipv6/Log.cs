using System.Net;
using Microsoft.Extensions.Logging;

namespace PxeKit.Server.Ipv6;

/// <summary>IPv6 neighbour discovery log messages. Event ids 7000-7999 belong to it; ids are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Answering IPv6 router solicitations on {Interface} with {What}")]
    public static partial void Advertising(this ILogger logger, string @interface, string what);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Cannot send IPv6 router advertisements on {Interface}: {Reason}. iPXE waits for them to time out (about 13 s) on each boot, and IPv6 netboot has no managed flag")]
    public static partial void Unavailable(this ILogger logger, string @interface, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "A router on {Interface} ({Router}) advertises itself: PxeKit {What}")]
    public static partial void OtherRouter(this ILogger logger, string @interface, IPAddress router, string what);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "Answered a router solicitation from {Source} on {Interface}")]
    public static partial void Answered(this ILogger logger, IPAddress source, string @interface);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Could not answer a router solicitation from {Source} on {Interface}: {Reason}")]
    public static partial void SendFailed(this ILogger logger, IPAddress source, string @interface, string reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "{Interface} has no global or unique-local IPv6 address: the managed-flag advertisements carry no prefix, and hosts reach the server by its link-local address only")]
    public static partial void NoPrefix(this ILogger logger, string @interface);
}
