using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Files;
using PxeKit.Server.Limits;

namespace PxeKit.Server.Tftp;

/// <summary>
/// The TFTP server: one UDP listener, and one independent transfer per request, each on its own
/// ephemeral port (RFC 1350 transfer IDs), so a slow or dead client never holds up another.
/// </summary>
public sealed partial class TftpServer
{
    private readonly TftpServerOptions _options;
    private readonly ILogger<TftpServer> _logger;
    private readonly IBootJournal _journal;
    private readonly TimeProvider _time;
    private volatile TftpFiles _files;
    private readonly ConcurrentDictionary<IPEndPoint, TftpSession> _sessions = new();
    private readonly long[] _malformed = new long[Enum.GetValues<TftpParseError>().Length];
    private readonly AddressSlots _admission;
    private TftpRefusalTally? _refusals;
    private TftpReactor[] _reactors = [];
    private Socket? _listener;
    private int _started;
    private int _nextReactor;
    private long _socketsOpened;

    /// <summary>Creates the server; nothing is bound until <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are unusable; the message lists every problem.</exception>
    public TftpServer(TftpServerOptions options, ILogger<TftpServer> logger, IBootJournal journal, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(journal);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid TFTP configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(options));
        }

        _options = options;
        _logger = logger;
        _journal = journal;
        _time = timeProvider ?? TimeProvider.System;
        _files = new TftpFiles(options, new PathJail(options.Root, TftpConstants.MaxFileNameLength));
        _admission = new AddressSlots(options.Limits.MaxTransfersPerClient, options.Limits.MaxTransfers);
    }

    /// <summary>The bound address and port once <see cref="RunAsync"/> was called (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    /// <summary>
    /// A reload: transfers requested from now on are served from <paramref name="root"/> (and its templates), and writes allowed or not; one
    /// under way finishes as it began. The port, the interface and the limits are the listener's and stay.
    /// </summary>
    /// <param name="templates">The templates directory under the new root, if any.</param>
    public void Reconfigure(string root, bool allowWrite, FileTemplates? templates = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var options = _files.Options with { Root = root, AllowWrite = allowWrite, Templates = templates };
        _files = new TftpFiles(options, new PathJail(root, TftpConstants.MaxFileNameLength));
    }

    /// <summary>Transfers under way.</summary>
    public int ActiveTransfers => _sessions.Count;

    /// <summary>Requests not answered because they were over one of the caps of <see cref="TftpServerOptions.Limits"/>.</summary>
    public long GetRefusedCount(TftpLimit limit) => _refusals?.Count(limit) ?? 0;

    /// <summary>Transfer sockets opened since the server started (each admitted request opens one).</summary>
    public long SocketsOpened => Interlocked.Read(ref _socketsOpened);

    /// <summary>Malformed datagrams dropped by the listener, all reasons together.</summary>
    public long MalformedDatagrams => _malformed.Sum(count => Interlocked.Read(ref count));

    /// <summary>Malformed datagrams dropped by the listener for one reason.</summary>
    public long GetMalformedCount(TftpParseError reason) =>
        (int)reason >= 0 && (int)reason < _malformed.Length ? Interlocked.Read(ref _malformed[(int)reason]) : 0;

    /// <summary>
    /// Binds the listener (before returning, so a bind failure throws here, and <see cref="LocalEndPoint"/>
    /// is set when the task is handed back), then serves until cancelled. The task completes once every
    /// socket is closed and every transfer has stopped; it faults if the listener socket fails.
    /// </summary>
    /// <exception cref="SocketException">The listener cannot be bound (port in use, no permission, no such interface).</exception>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The TFTP server runs once; create another instance to serve again.");
        }

        var socket = TftpTransferChannel.CreateBound(new IPEndPoint(_options.ListenAddress, _options.Port), _options.Interface);
        try
        {
            var level = socket.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
            socket.SetSocketOption(level, SocketOptionName.PacketInformation, true);
            SocketOptions.EnlargeReceiveBuffer(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listener = socket;
        _refusals = new TftpRefusalTally(_options.Limits, _logger, _journal, _time);
        _reactors = [.. Enumerable.Range(0, _options.TransferThreads).Select(i => new TftpReactor(_time, _logger, $"tftp transfers {i}"))];
        _logger.ListenerStarted(socket.LocalEndPoint, _options.Interface ?? "all", _files.Jail.Root, _files.Options.AllowWrite ? "allowed" : "refused");
        return ReceiveLoopAsync(socket, cancellationToken);
    }

    /// <summary>What a new transfer is served from: swapped whole by <see cref="Reconfigure"/>.</summary>
    private sealed record TftpFiles(TftpServerOptions Options, PathJail Jail);
}
