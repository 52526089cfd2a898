using System.Net;
using Microsoft.Extensions.Logging;

namespace PxeKit.Host.Management;

/// <summary>Management listener log messages. Event ids 4000-4099 belong to it; ids are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Management listening on http://{EndPoint} (GET /metrics)")]
    public static partial void ManagementStarted(this ILogger logger, IPEndPoint? endPoint);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Management listener on {EndPoint} stopped")]
    public static partial void ManagementStopped(this ILogger logger, IPEndPoint? endPoint);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Management listener on {EndPoint} did not stop cleanly")]
    public static partial void ManagementStopFailed(this ILogger logger, IPEndPoint? endPoint, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Management request {Method} {Path} failed")]
    public static partial void ManagementRequestFailed(this ILogger logger, string method, string path, Exception exception);
}
