using Microsoft.Extensions.Logging;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>The shared lease database's log messages: event ids 8000-8099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Servers sharing the lease database and answering new clients in turn: {Servers} (this one: {Self})")]
    public static partial void PeersChanged(ILogger logger, string servers, string self);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Server {Peer} shares the lease database but serves other ranges ({PeerScopes}; this one serves {Scopes}): it and this server both answer every client until their ranges agree")]
    public static partial void ScopesDiffer(ILogger logger, string peer, string peerScopes, string scopes);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "The heartbeat in the lease database failed ({Reason}): the servers sharing it are as last read")]
    public static partial void HeartbeatFailed(ILogger logger, string reason);
}
