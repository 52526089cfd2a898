using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Server.Limits;

namespace PxeKit.Server.Http;

/// <summary>
/// The HTTP boot server: iPXE scripts from an <see cref="IBootScriptSource"/>, and files (kernels,
/// initrds, UEFI boot programs) from a jailed root, with byte ranges. A bare Kestrel server with one
/// request handler: no generic host, no configuration system, no middleware.
/// </summary>
public sealed partial class HttpBootServer
{
    private readonly HttpBootOptions _options;
    private readonly IBootScriptSource? _scripts;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IBootJournal _journal;
    private readonly TimeProvider _time;
    private volatile HttpFileJail _jail;
    private BareKestrel? _kestrel;
    private int _started;

    /// <summary>Creates the server; nothing is bound until <see cref="RunAsync"/>.</summary>
    /// <param name="options">What to serve and where.</param>
    /// <param name="scripts">Offered every request first; null to serve files only.</param>
    /// <param name="loggerFactory">Receives this server's messages and Kestrel's own.</param>
    /// <param name="journal">Receives HttpRequest, HttpComplete and HttpFailed for every request.</param>
    /// <param name="timeProvider">Clock of the journal's times and durations; the system clock by default.</param>
    /// <exception cref="ArgumentException">The options are unusable; the message lists every problem.</exception>
    public HttpBootServer(HttpBootOptions options, IBootScriptSource? scripts, ILoggerFactory loggerFactory, IBootJournal journal, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(journal);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid HTTP boot configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(options));
        }

        _options = options;
        _scripts = scripts;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<HttpBootServer>();
        _journal = journal;
        _time = timeProvider ?? TimeProvider.System;
        _jail = new HttpFileJail(options.Root, options.Templates);
    }

    /// <summary>The bound address and port once <see cref="RunAsync"/> has returned (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _kestrel?.LocalEndPoint;

    /// <summary>
    /// A reload: requests from now on are served from <paramref name="root"/> and its <paramref name="templates"/> directory
    /// (if any); one under way finishes as it began.
    /// </summary>
    public void Reconfigure(string root, Files.FileTemplates? templates = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _jail = new HttpFileJail(root, templates);
    }

    /// <summary>
    /// Binds the listening socket (before returning, so a bind failure throws here and
    /// <see cref="LocalEndPoint"/> is set when the task is handed back), then serves until cancelled.
    /// On cancellation, downloads under way get <see cref="HttpBootOptions.ShutdownTimeout"/> to finish;
    /// the task completes once the socket is closed.
    /// </summary>
    /// <exception cref="IOException">The port cannot be bound (in use, no permission), or the interface has no IPv4 address.</exception>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The HTTP boot server runs once; create another instance to serve again.");
        }

        var startedAt = _time.GetTimestamp();
        var endPoint = new IPEndPoint(ResolveListenAddress(), _options.Port);
        IPEndPoint[] endPoints = [endPoint, .. _options.Port == 0 ? [] : _options.MoreAddresses.Select(a => new IPEndPoint(a, _options.Port))];
        // Bounds a hostile peer cannot get past: connections in all and per address, slow headers, header sizes, and a
        // reader that takes a file slower than 240 bytes a second (Kestrel's minimum rate) is cut off.
        var slots = new ConnectionsPerAddress(new AddressSlots(_options.Connections.MaxConnectionsPerAddress, _options.Connections.MaxConnections));
        var kestrel = BareKestrel.Start(
            "The HTTP boot server",
            endPoints,
            limits =>
            {
                limits.RequestHeadersTimeout = _options.HeadersTimeout;
                limits.MinResponseDataRate = new MinDataRate(240, TimeSpan.FromSeconds(10));
            },
            listen => listen.Use(slots.Limit),
            HandleAsync,
            _loggerFactory);
        _kestrel = kestrel;

        _logger.ServerStarted(LocalEndPoint, _options.Interface ?? "all", _jail.Root, _scripts is null ? "none" : _scripts.GetType().Name, (long)_time.GetElapsedTime(startedAt).TotalMilliseconds);
        return ServeUntilCancelledAsync(kestrel, cancellationToken);
    }

    private IPAddress ResolveListenAddress()
    {
        if (_options.Interface is null)
        {
            return _options.ListenAddress;
        }

        return InterfaceAddress.Find(_options.Interface)?.Address
            ?? throw new IOException($"The HTTP boot server cannot listen on interface '{_options.Interface}': it does not exist or has no IPv4 address.");
    }

    private async Task ServeUntilCancelledAsync(BareKestrel kestrel, CancellationToken cancellationToken)
    {
        var endPoint = kestrel.LocalEndPoint;
        if (await kestrel.ServeUntilCancelledAsync(_options.ShutdownTimeout, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            _logger.StopFailed(endPoint, failed);
        }

        _logger.ServerStopped(endPoint);
    }
}
