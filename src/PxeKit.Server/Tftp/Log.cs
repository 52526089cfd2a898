using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>TFTP log messages. Event ids 2000-2999 belong to TFTP; ids are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "TFTP listening on {EndPoint} (interface {Interface}), root {Root}, writes {Writes}")]
    public static partial void ListenerStarted(this ILogger logger, EndPoint? endPoint, string @interface, string root, string writes);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "TFTP listener on {EndPoint} stopped")]
    public static partial void ListenerStopped(this ILogger logger, EndPoint? endPoint);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "TFTP listener on {EndPoint} stopped by a socket failure: {SocketError}")]
    public static partial void ListenerFailed(this ILogger logger, EndPoint? endPoint, SocketError socketError, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Dropped a malformed TFTP datagram from {Client}: {Reason}, {Length} bytes: {Hex}")]
    public static partial void DatagramDropped(this ILogger logger, EndPoint client, TftpParseError reason, int length, string hex);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Ignored {Opcode} from {Client} on the listener port: not a request")]
    public static partial void NotARequest(this ILogger logger, TftpOpcode opcode, EndPoint client);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Unexpected error while handling a datagram from {Client}; the listener goes on")]
    public static partial void HandlerError(this ILogger logger, EndPoint client, Exception exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Ignored a repeated request from {Client}: its transfer is under way")]
    public static partial void DuplicateRequest(this ILogger logger, EndPoint client);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "{Opcode} {File} from {Client}, mode {Mode}")]
    public static partial void RequestReceived(this ILogger logger, TftpOpcode opcode, string file, IPEndPoint client, TftpMode mode);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Refused {File} to {Client}: ERROR {Code}, {Reason}")]
    public static partial void Refused(this ILogger logger, string file, IPEndPoint client, TftpErrorCode code, string reason);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Sent {File} to {Client}: {Bytes} bytes in {ElapsedMs} ms ({Negotiated})")]
    public static partial void TransferComplete(this ILogger logger, string file, IPEndPoint client, long bytes, long elapsedMs, string negotiated);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Transfer of {File} to {Client} failed: {Reason}")]
    public static partial void TransferFailed(this ILogger logger, string file, IPEndPoint client, string reason);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Debug, Message = "Retransmitting from block {Block} of {File} to {Client} (retry {Retry}, timeout {Timeout})")]
    public static partial void Retransmit(this ILogger logger, long block, string file, IPEndPoint client, int retry, TimeSpan timeout);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Information, Message = "{Client} ended {File} after option negotiation: ERROR {Code} {Message}")]
    public static partial void ClientEndedAfterOptions(this ILogger logger, IPEndPoint client, string file, TftpErrorCode code, string message);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Debug, Message = "Ignored a datagram from {Client} during {File}: {Reason}")]
    public static partial void TransferDatagramIgnored(this ILogger logger, IPEndPoint client, string file, string reason);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Error, Message = "Transfer of {File} to {Client} ended by an unexpected error")]
    public static partial void TransferCrashed(this ILogger logger, string file, IPEndPoint client, Exception exception);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Debug, Message = "Negotiated for {File} with {Client}: {Negotiated}")]
    public static partial void Negotiated(this ILogger logger, string file, IPEndPoint client, string negotiated);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Received {File} from {Client}: {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void WriteComplete(this ILogger logger, string file, IPEndPoint client, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Debug, Message = "Acknowledging block {Block} of {File} from {Client} again (retry {Retry}, timeout {Timeout})")]
    public static partial void Reacknowledge(this ILogger logger, long block, string file, IPEndPoint client, int retry, TimeSpan timeout);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Could not remove the partial upload {Path}: {Reason}")]
    public static partial void PartialFileNotRemoved(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Error, Message = "TFTP transfer loop caught an error and goes on with the other transfers")]
    public static partial void ReactorError(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Warning, Message = "Did not answer {Count} TFTP request(s) over the {Limit} limit of {Cap} transfers at once; the last from {Client}")]
    public static partial void RefusedOverLimit(this ILogger logger, long count, TftpLimit limit, int cap, IPEndPoint client);
}
