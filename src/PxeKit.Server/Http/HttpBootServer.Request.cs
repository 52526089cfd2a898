using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using PxeKit.Core.Events;
using PxeKit.Server.Files;

namespace PxeKit.Server.Http;

public sealed partial class HttpBootServer
{
    /// <summary>
    /// One request as a pipeline: method, request target, boot script, path jail, file. Every request
    /// ends in exactly one HttpComplete or HttpFailed journal event after its HttpRequest.
    /// </summary>
    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var client = ClientAddress(context);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var targetError = RequestTarget.TryGetPath(rawTarget, out var path);
        var exchange = new Exchange(request.Method, targetError == RequestTargetError.None ? path : StripQuery(rawTarget), client, _time.GetTimestamp());
        _logger.RequestReceived(exchange.Method, exchange.Path, client);
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.HttpRequest,
            Address = client.ToString(),
            File = exchange.Path,
            Http = new HttpFacts { Method = exchange.Method, Ranged = request.Headers.Range.Count > 0 },
            Detail = request.Headers.Range.Count > 0 ? $"{exchange.Method} {request.Headers.Range}" : exchange.Method,
        });

        try
        {
            if (!HttpMethods.IsGet(exchange.Method) && !HttpMethods.IsHead(exchange.Method))
            {
                context.Response.Headers.Allow = "GET, HEAD";
                await RefuseAsync(context, exchange, StatusCodes.Status405MethodNotAllowed, "method not allowed").ConfigureAwait(false);
                return;
            }

            if (targetError != RequestTargetError.None)
            {
                await RefuseAsync(context, exchange, StatusCodes.Status400BadRequest, TargetErrorText(targetError)).ConfigureAwait(false);
                return;
            }

            if (_scripts is not null && await TryServeScriptAsync(context, exchange).ConfigureAwait(false))
            {
                return;
            }

            var jail = _jail;
            var decision = jail.Resolve(path);
            switch (decision.Verdict)
            {
                case PathVerdict.NotFound:
                    await RefuseAsync(context, exchange, StatusCodes.Status404NotFound, "not found", refusal: FileRefusal.NotFound).ConfigureAwait(false);
                    break;
                case PathVerdict.Violation:
                    _logger.PathViolation(exchange.Path, client, decision.Reason);
                    await RefuseAsync(context, exchange, StatusCodes.Status403Forbidden, decision.Reason, logged: true, decision.Refusal).ConfigureAwait(false);
                    break;
                case PathVerdict.Allowed when jail.Templates is { } templates && templates.Covers(decision.FullPath!):
                    await SendRenderedAsync(context, exchange, templates.Render(decision.FullPath!, client, LocalAddress(context))).ConfigureAwait(false);
                    break;
                default:
                    await SendFileAsync(context, exchange, decision.FullPath!).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            Fail(exchange, "client closed the connection", status: null);
        }
#pragma warning disable CA1031 // One request's bug must not reach Kestrel's generic 500 page; it is logged and journalled.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.HandlerError(exchange.Path, client, exception);
            Fail(exchange, "500 internal error", StatusCodes.Status500InternalServerError);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            else
            {
                context.Abort();
            }
        }
    }

    /// <summary>A template rendered for this client, whole (no ranges: it is made for one request), or why not (500).</summary>
    private async Task SendRenderedAsync(HttpContext context, Exchange exchange, TemplateRendering rendering)
    {
        if (rendering.Content is not { } body)
        {
            await RefuseAsync(context, exchange, StatusCodes.Status500InternalServerError, rendering.Refusal!).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = HttpContentTypes.ForPath(exchange.Path);
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store"; // Rendered for this client: never reuse it for another.
        var sent = 0L;
        if (!HttpMethods.IsHead(exchange.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            sent = body.Length;
        }

        await response.CompleteAsync().ConfigureAwait(false);
        Complete(exchange, StatusCodes.Status200OK, sent, $"{body.Length} bytes rendered");
    }

    private async Task<bool> TryServeScriptAsync(HttpContext context, Exchange exchange)
    {
        BootScript? script;
        try
        {
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, values) in context.Request.Query)
            {
                query[name] = values.Count > 0 ? values[0] ?? "" : "";
            }

            script = await _scripts!.FindAsync(exchange.Path, exchange.Client, query, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            throw; // The client left while its script was being made: the request's end, not the source's failure.
        }
#pragma warning disable CA1031 // The policy is someone else's code: its failure is this request's 500, not the server's.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.ScriptSourceFailed(exchange.Path, exchange.Client, exception);
            await RefuseAsync(context, exchange, StatusCodes.Status500InternalServerError, "boot script source failed", logged: true).ConfigureAwait(false);
            return true;
        }

        if (script is null)
        {
            return false;
        }

        var body = Encoding.UTF8.GetBytes(script.Content);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = script.ContentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store"; // Rendered per client and per moment: never reuse one.
        var sent = 0L;
        if (!HttpMethods.IsHead(exchange.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            sent = body.Length;
        }

        await response.CompleteAsync().ConfigureAwait(false);
        _logger.ScriptServed(exchange.Path, exchange.Client, sent, script.ContentType);
        Complete(exchange, StatusCodes.Status200OK, sent, "script", script: true);
        return true;
    }

    /// <summary>Answers with a status and a one-line body that names no host path.</summary>
    private async Task RefuseAsync(HttpContext context, Exchange exchange, int status, string reason, bool logged = false, FileRefusal? refusal = null)
    {
        if (!logged)
        {
            _logger.Refused(exchange.Method, exchange.Path, exchange.Client, status, reason);
        }

        Fail(exchange, $"{status} {reason}", status, refusal: refusal);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain";
        response.Headers.CacheControl = "no-store";
        var body = Encoding.ASCII.GetBytes($"{status} {ReasonPhrases.GetReasonPhrase(status)}\n");
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(exchange.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private void Complete(Exchange exchange, int status, long bytes, string detail, ProgramFormat? format = null, bool script = false)
    {
        var elapsed = _time.GetElapsedTime(exchange.StartedAt);
        _logger.Sent(exchange.Path, exchange.Client, status, bytes, (long)elapsed.TotalMilliseconds);
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.HttpComplete,
            Address = exchange.Client.ToString(),
            File = exchange.Path,
            Bytes = bytes,
            Elapsed = elapsed,
            Http = new HttpFacts { Method = exchange.Method, Status = status, Script = script },
            Format = format,
            Detail = $"{status} {detail}",
        });
    }

    /// <param name="status">The status sent, when the failure is a refusal; null when the connection broke.</param>
    private void Fail(Exchange exchange, string detail, int? status, long? bytes = null, FileRefusal? refusal = null) =>
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.HttpFailed,
            Address = exchange.Client.ToString(),
            File = exchange.Path,
            Bytes = bytes,
            Elapsed = _time.GetElapsedTime(exchange.StartedAt),
            Http = new HttpFacts { Method = exchange.Method, Status = status },
            Refusal = refusal,
            Detail = detail,
        });

    private static IPAddress ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static IPAddress? LocalAddress(HttpContext context) =>
        context.Connection.LocalIpAddress is { } local && local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : context.Connection.LocalIpAddress;

    private static string StripQuery(string rawTarget)
    {
        var end = rawTarget.IndexOfAny(['?', '#']);
        return end < 0 ? rawTarget : rawTarget[..end];
    }

    private static string TargetErrorText(RequestTargetError error) => error switch
    {
        RequestTargetError.UnsupportedForm => "bad request target: not a path",
        RequestTargetError.BadPercentEncoding => "bad request target: broken percent-encoding",
        RequestTargetError.NotAscii => "bad request target: raw non-ASCII character",
        _ => "bad request target",
    };

    /// <summary>What one request is about, for its log lines and journal events.</summary>
    private sealed record Exchange(string Method, string Path, IPAddress Client, long StartedAt);
}
