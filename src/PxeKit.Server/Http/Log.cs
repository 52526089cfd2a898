using System.Net;
using Microsoft.Extensions.Logging;

namespace PxeKit.Server.Http;

/// <summary>HTTP boot log messages. Event ids 3000-3999 belong to HTTP; ids are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "HTTP listening on {EndPoint} (interface {Interface}), root {Root}, scripts {Scripts}; started in {ElapsedMs} ms")]
    public static partial void ServerStarted(this ILogger logger, IPEndPoint? endPoint, string @interface, string root, string scripts, long elapsedMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "HTTP server on {EndPoint} stopped")]
    public static partial void ServerStopped(this ILogger logger, IPEndPoint? endPoint);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "HTTP server on {EndPoint} did not stop cleanly")]
    public static partial void StopFailed(this ILogger logger, IPEndPoint? endPoint, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "{Method} {Path} from {Client}")]
    public static partial void RequestReceived(this ILogger logger, string method, string path, IPAddress client);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Refused {Method} {Path} to {Client}: {Status} {Reason}")]
    public static partial void Refused(this ILogger logger, string method, string path, IPAddress client, int status, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Refused {Path} to {Client}: 403, {Reason}")]
    public static partial void PathViolation(this ILogger logger, string path, IPAddress client, string reason);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Sent {Path} to {Client}: {Status}, {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void Sent(this ILogger logger, string path, IPAddress client, int status, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "{Client} closed the connection during {Path} after {Bytes} of {Expected} bytes")]
    public static partial void ClientClosed(this ILogger logger, IPAddress client, string path, long bytes, long expected);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Information, Message = "Served script {Path} to {Client}: {Bytes} bytes, {ContentType}")]
    public static partial void ScriptServed(this ILogger logger, string path, IPAddress client, long bytes, string contentType);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Error, Message = "The boot script source failed on {Path} for {Client}")]
    public static partial void ScriptSourceFailed(this ILogger logger, string path, IPAddress client, Exception exception);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Error, Message = "Unexpected error while answering {Path} to {Client}")]
    public static partial void HandlerError(this ILogger logger, string path, IPAddress client, Exception exception);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Warning, Message = "File {Path} for {Client} could not be read: {Reason}")]
    public static partial void FileUnreadable(this ILogger logger, string path, IPAddress client, string reason);
}
