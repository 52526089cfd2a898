using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Server.Http;

namespace PxeKit.Tests.Shared.BootApi;

/// <summary>
/// A small boot API service on 127.0.0.1 and a system-chosen port, as a provisioning system would run one: each MAC is
/// answered as the test says (a status and a body, or no answer for a long time); any other MAC gets 404. It counts the
/// questions per MAC.
/// </summary>
internal sealed class BootApiStub : IAsyncDisposable
{
    private readonly BareKestrel _kestrel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly ConcurrentDictionary<string, Reply> _replies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.Ordinal);

    public BootApiStub()
    {
        _kestrel = BareKestrel.Start("boot API stub", [new IPEndPoint(IPAddress.Loopback, 0)], _ => { }, null, HandleAsync, NullLoggerFactory.Instance);
        _serving = _kestrel.ServeUntilCancelledAsync(TimeSpan.FromSeconds(2), _stop.Token);
    }

    /// <summary>The API's prefix, as <c>boot-api:</c> would name it.</summary>
    public Uri Url => new($"http://127.0.0.1:{_kestrel.LocalEndPoint.Port}");

    /// <summary>Answers <paramref name="mac"/> with <paramref name="status"/> and <paramref name="body"/>, after <paramref name="delay"/>.</summary>
    public void Answer(string mac, int status, string body = "", TimeSpan? delay = null) => _replies[mac] = new Reply(status, body, delay ?? TimeSpan.Zero);

    /// <summary>How often <paramref name="mac"/> was asked about.</summary>
    public int Asked(string mac) => _asked.GetValueOrDefault(mac);

    private async Task HandleAsync(HttpContext context)
    {
        const string prefix = "/v1/boot/";
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var mac = path[prefix.Length..];
        _asked.AddOrUpdate(mac, 1, (_, n) => n + 1);
        var reply = _replies.GetValueOrDefault(mac) ?? new Reply(StatusCodes.Status404NotFound, "", TimeSpan.Zero);
        if (reply.Delay > TimeSpan.Zero)
        {
            // A slow service: it answers late, or never if the asker has gone first.
            await Task.Delay(reply.Delay, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        var body = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private sealed record Reply(int Status, string Body, TimeSpan Delay);
}
