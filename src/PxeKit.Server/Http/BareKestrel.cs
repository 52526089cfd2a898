using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PxeKit.Server.Http;

/// <summary>
/// Kestrel with one endpoint and one request handler: no generic host, no configuration system, no middleware. What
/// PxeKit's HTTP listeners (the boot server, the management listener) share: HTTP/1.1 only, no Server header, no
/// request bodies, small request lines and headers, idle connections closed after 30 s; each adds its own limits.
/// </summary>
public sealed class BareKestrel
{
    private readonly KestrelServer _kestrel;
    private readonly ListenOptions _listen;

    private BareKestrel(KestrelServer kestrel, ListenOptions listen)
    {
        _kestrel = kestrel;
        _listen = listen;
    }

    /// <summary>Where it listens: the port the system picked when it was asked for port 0.</summary>
    public IPEndPoint LocalEndPoint => _listen.IPEndPoint!;

    /// <summary>
    /// Binds <paramref name="endPoints"/> (the first is <see cref="LocalEndPoint"/>) before it returns, and serves each
    /// request with <paramref name="handle"/>. Throws an <see cref="IOException"/> naming <paramref name="what"/> and the
    /// endpoints when it cannot bind one.
    /// </summary>
    public static BareKestrel Start(
        string what,
        IReadOnlyList<IPEndPoint> endPoints,
        Action<KestrelServerLimits> limits,
        Action<ListenOptions>? listen,
        Func<HttpContext, Task> handle,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(handle);
        var options = new KestrelServerOptions { AddServerHeader = false };
        options.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        options.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        options.Limits.MaxRequestLineSize = 8 * 1024;
        options.Limits.MaxRequestBodySize = 0;
        limits(options.Limits);
        ArgumentOutOfRangeException.ThrowIfZero(endPoints.Count);
        ListenOptions? bound = null;
        foreach (var endPoint in endPoints)
        {
            options.Listen(endPoint, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                listen?.Invoke(l);
                bound ??= l;
            });
        }

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions { CreateBoundListenSocket = BindListenSocket }), loggerFactory);
        var kestrel = new KestrelServer(Options.Create(options), transport, loggerFactory);
        try
        {
            // Kestrel binds synchronously inside StartAsync: waiting here keeps the listeners' contract (bound on return).
            kestrel.StartAsync(new Application(handle), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (IOException exception)
        {
            kestrel.Dispose();
            throw new IOException($"{what} cannot listen on {string.Join(", ", endPoints)}: {exception.Message}", exception);
        }
        catch
        {
            kestrel.Dispose();
            throw;
        }

        return new BareKestrel(kestrel, bound!);
    }

    /// <summary>
    /// Kestrel's own listening socket, except on an IPv6 link-local address: that one may still be tentative (duplicate
    /// address detection takes a second or more on an interface just brought up), which Linux refuses to bind unless
    /// the socket may bind an address not yet usable (IPV6_FREEBIND); it answers once the address is.
    /// </summary>
    private static System.Net.Sockets.Socket BindListenSocket(EndPoint endPoint)
    {
        if (endPoint is not IPEndPoint { Address.IsIPv6LinkLocal: true } linkLocal)
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endPoint);
        }

        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            const int Ipv6FreeBind = 78; // IPV6_FREEBIND, linux/in6.h
            socket.SetRawSocketOption((int)System.Net.Sockets.SocketOptionLevel.IPv6, Ipv6FreeBind, BitConverter.GetBytes(1));
            socket.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.ReuseAddress, true);
            socket.Bind(linkLocal);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Serves until <paramref name="cancellationToken"/> is cancelled, then gives requests under way
    /// <paramref name="shutdownTimeout"/> to finish and closes the socket, whatever happens; returns what went wrong
    /// while stopping (for the caller's log), or null.
    /// </summary>
    public async Task<Exception?> ServeUntilCancelledAsync(TimeSpan shutdownTimeout, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            using var grace = new CancellationTokenSource(shutdownTimeout);
            await _kestrel.StopAsync(grace.Token).ConfigureAwait(false);
            return null;
        }
#pragma warning disable CA1031 // Stopping must end in a closed socket whatever went wrong; the caller logs the error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return exception;
        }
        finally
        {
            _kestrel.Dispose();
        }
    }

    /// <summary>Kestrel's view of the handler: one plain <see cref="HttpContext"/> per request.</summary>
    private sealed class Application(Func<HttpContext, Task> handle) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => handle(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
