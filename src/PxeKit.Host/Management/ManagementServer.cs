using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Metrics;
using PxeKit.Server.Http;

namespace PxeKit.Host.Management;

/// <summary>
/// The management listener: <c>GET /metrics</c>, PxeKit's metrics in Prometheus's text format (docs/metrics.md), the
/// management API under <c>/api/v1/</c> (<see cref="ManagementApi"/>, docs/api.md), and 404 for anything else. A bare
/// Kestrel server with one request handler, as the HTTP boot server is: no generic host, no middleware. Loopback only
/// unless the API asks for a bearer token (<see cref="ManagementOptions.Validate"/>).
/// </summary>
public sealed class ManagementServer
{
    /// <summary>The path of the metrics.</summary>
    public const string MetricsPath = "/metrics";

    private readonly ManagementOptions _options;
    private readonly PrometheusExposition _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ManagementApi? _api;
    private BareKestrel? _kestrel;
    private CancellationToken _stopping;
    private int _started;

    /// <summary>Creates the listener; nothing is bound until <see cref="RunAsync"/>.</summary>
    /// <param name="metrics">What <c>GET /metrics</c> answers; the caller owns it (make it before the events it counts).</param>
    /// <param name="api">What answers under <c>/api/v1/</c>; null: no API (404), the metrics only.</param>
    /// <exception cref="ArgumentException">The options are unusable (a non-loopback address, say); the message lists every problem.</exception>
    public ManagementServer(ManagementOptions options, PrometheusExposition metrics, ILoggerFactory loggerFactory, ManagementApi? api = null)
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
        _api = api;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ManagementServer>();
    }

    /// <summary>The bound address and port once <see cref="RunAsync"/> has returned its task (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _kestrel?.LocalEndPoint;

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
        var kestrel = BareKestrel.Start(
            "The management listener",
            [endPoint],
            limits =>
            {
                limits.MaxConcurrentConnections = _options.MaxConnections;
                limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
                limits.MaxRequestBodySize = ManagementApi.MaxBodyBytes;
            },
            listen: null,
            HandleAsync,
            _loggerFactory);
        _kestrel = kestrel;
        _stopping = cancellationToken;

        _logger.ManagementStarted(LocalEndPoint);
        return ServeUntilCancelledAsync(kestrel, cancellationToken);
    }

    private async Task ServeUntilCancelledAsync(BareKestrel kestrel, CancellationToken cancellationToken)
    {
        var endPoint = kestrel.LocalEndPoint;
        if (await kestrel.ServeUntilCancelledAsync(_options.ShutdownTimeout, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            _logger.ManagementStopFailed(endPoint, failed);
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
            if (await DashboardAssets.TryServeAsync(context).ConfigureAwait(false))
            {
                return;
            }

            if (_options.Token is not null && !Authorized(request))
            {
                response.Headers.WWWAuthenticate = "Bearer";
                await ManagementApi.WriteAsync(context, StatusCodes.Status401Unauthorized, new ApiError("a bearer token is required: send 'Authorization: Bearer TOKEN' with the token of the file management.token-file names"), ManagementApi.Json.ApiError).ConfigureAwait(false);
                return;
            }

            if (_api is not null && await _api.TryHandleAsync(context, _stopping).ConfigureAwait(false))
            {
                return;
            }

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

    /// <summary>Whether the request carries the bearer token, compared in constant time (its duration says nothing of the token).</summary>
    private bool Authorized(HttpRequest request)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(_options.Token!));
    }

    private static async Task PlainAsync(HttpResponse response, int status, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
