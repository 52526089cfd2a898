using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PxeKit.Core.Metrics;

namespace PxeKit.Host.Management;

/// <summary>
/// The management listener: for now <c>GET /metrics</c>, PxeKit's metrics in Prometheus's text format (docs/metrics.md),
/// and 404 for anything else. A bare Kestrel server with one request handler, as the HTTP boot server is: no generic host,
/// no middleware. Loopback only until it has a bearer token (<see cref="ManagementOptions.Validate"/>).
/// </summary>
public sealed class ManagementServer
{
    /// <summary>The path of the metrics.</summary>
    public const string MetricsPath = "/metrics";

    private readonly ManagementOptions _options;
    private readonly PrometheusExposition _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private ListenOptions? _listen;
    private int _started;

    /// <summary>Creates the listener; nothing is bound until <see cref="RunAsync"/>.</summary>
    /// <param name="metrics">What <c>GET /metrics</c> answers; the caller owns it (make it before the events it counts).</param>
    /// <exception cref="ArgumentException">The options are unusable (a non-loopback address, say); the message lists every problem.</exception>
    public ManagementServer(ManagementOptions options, PrometheusExposition metrics, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid management configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(options));
        }

        _options = options;
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ManagementServer>();
    }

    /// <summary>The bound address and port once <see cref="RunAsync"/> has returned its task (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _listen?.IPEndPoint;

    /// <summary>
    /// Binds the listening socket before returning (a bind failure throws here, and <see cref="LocalEndPoint"/> is set when
    /// the task is handed back), then serves until cancelled; the task completes once the socket is closed.
    /// </summary>
    /// <exception cref="IOException">The port cannot be bound (in use, no permission).</exception>
    /// <exception cref="InvalidOperationException">The listener was already started.</exception>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The management listener runs once; create another instance to serve again.");
        }

        var endPoint = new IPEndPoint(_options.Address, _options.Port);
        var kestrelOptions = new KestrelServerOptions { AddServerHeader = false };
        kestrelOptions.Limits.MaxConcurrentConnections = _options.MaxConnections;
        kestrelOptions.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        kestrelOptions.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        kestrelOptions.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        kestrelOptions.Limits.MaxRequestLineSize = 8 * 1024;
        kestrelOptions.Limits.MaxRequestBodySize = 0;
        kestrelOptions.Listen(endPoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            _listen = listen;
        });
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), _loggerFactory);
        var kestrel = new KestrelServer(Options.Create(kestrelOptions), transport, _loggerFactory);
        try
        {
            // Kestrel binds synchronously inside StartAsync: waiting here keeps the other listeners' contract.
            kestrel.StartAsync(new Application(this), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (IOException exception)
        {
            kestrel.Dispose();
            throw new IOException($"The management listener cannot listen on {endPoint}: {exception.Message}", exception);
        }
        catch
        {
            kestrel.Dispose();
            throw;
        }

        _logger.ManagementStarted(LocalEndPoint);
        return ServeUntilCancelledAsync(kestrel, cancellationToken);
    }

    private async Task ServeUntilCancelledAsync(KestrelServer kestrel, CancellationToken cancellationToken)
    {
        var endPoint = LocalEndPoint;
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            using var grace = new CancellationTokenSource(_options.ShutdownTimeout);
            await kestrel.StopAsync(grace.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping must end in a closed socket whatever went wrong; the error is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.ManagementStopFailed(endPoint, exception);
        }
        finally
        {
            kestrel.Dispose();
        }

        _logger.ManagementStopped(endPoint);
    }

    /// <summary><c>GET /metrics</c> (and HEAD); 405 for another method on it; 404 for any other path.</summary>
    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        try
        {
            if (!string.Equals(request.Path.Value, MetricsPath, StringComparison.Ordinal))
            {
                await PlainAsync(response, StatusCodes.Status404NotFound, "not found\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                response.Headers.Allow = "GET, HEAD";
                await PlainAsync(response, StatusCodes.Status405MethodNotAllowed, "method not allowed\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var body = Encoding.UTF8.GetBytes(_metrics.Collect());
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = PrometheusExposition.ContentType;
            response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(request.Method))
            {
                await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The scraper went away: nothing to answer.
        }
#pragma warning disable CA1031 // One request's failure is its 500, logged; it must not reach Kestrel's generic handling.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.ManagementRequestFailed(request.Method, request.Path.Value ?? "", exception);
            if (!response.HasStarted)
            {
                response.Clear();
                response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            else
            {
                context.Abort();
            }
        }
    }

    private static async Task PlainAsync(HttpResponse response, int status, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kestrel's view of this listener: one plain <see cref="HttpContext"/> per request.</summary>
    private sealed class Application(ManagementServer server) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => server.HandleAsync(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
