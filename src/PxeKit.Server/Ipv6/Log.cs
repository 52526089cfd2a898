using System.Net;
using Microsoft.Extensions.Logging;

namespace PxeKit.Server.Ipv6;

/// <summary>IPv6 neighbour discovery log messages. Event ids 7000-7999 belong to it; ids are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Answering IPv6 router solicitations on {Interface} with advertisements that configure nothing")]
    public static partial void Answering(this ILogger logger, string @interface);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Cannot answer IPv6 router solicitations on {Interface}: {Reason}. iPXE waits for them to time out (about 13 s) on each boot")]
    public static partial void Unavailable(this ILogger logger, string @interface, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "A router on {Interface} ({Router}) advertises itself: PxeKit stops answering router solicitations there until {Until}")]
    public static partial void OtherRouter(this ILogger logger, string @interface, IPAddress router, DateTimeOffset until);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "Answered a router solicitation from {Source} on {Interface}")]
    public static partial void Answered(this ILogger logger, IPAddress source, string @interface);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Could not answer a router solicitation from {Source} on {Interface}: {Reason}")]
    public static partial void SendFailed(this ILogger logger, IPAddress source, string @interface, string reason);
}
