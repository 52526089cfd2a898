using System.Globalization;
using System.Net;
using System.Text;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Core.Files;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// HTTP on the configured ports, from the first bytes of a segment only: a request line from the client
/// (<c>GET /path HTTP/1.1</c>) and the status line of the answer on the same connection. Nothing is
/// reassembled; a request split oddly across segments is not seen.
/// </summary>
public sealed partial class TraceAnalyzer
{
    private readonly Dictionary<(IPAddress Address, int Port), HttpExchange> _httpRequests = [];

    private void OnTcp(in WireSegment segment)
    {
        if (segment.Payload.IsEmpty)
        {
            return;
        }

        var head = HeadLine(segment.Payload.Span, out var all);
        if (_options.HttpPorts.Contains(segment.DestinationPort) && HttpHead.TryParseRequest(head, out var method, out var path))
        {
            BootFrames++;
            var client = ClientByAddress(segment.Source);
            var exchange = new HttpExchange(segment.Source, segment.SourcePort, segment.Destination, method, path, segment.Time);
            _httpRequests[(segment.Source, segment.SourcePort)] = exchange;
            Record(client, new BootEvent
            {
                Time = segment.Time,
                Step = BootStep.HttpRequest,
                Source = EvidenceSource.Capture,
                Mac = client.Mac,
                Http = new HttpFacts { Method = method },
                Address = segment.Source.ToString(),
                File = path,
                Detail = $"{method} {path} to {segment.Destination}:{segment.DestinationPort}",
            });
        }
        else if (_options.HttpPorts.Contains(segment.SourcePort) && HttpHead.TryParseStatus(head, out var status, out var reason)
            && _httpRequests.Remove((segment.Destination, segment.DestinationPort), out var request))
        {
            BootFrames++;
            var client = ClientByAddress(segment.Destination);
            var length = HttpHead.ContentLength(all);
            bool ok = status is >= 200 and < 400;
            Record(client, new BootEvent
            {
                Time = segment.Time,
                Step = ok ? BootStep.HttpComplete : BootStep.HttpFailed,
                Source = EvidenceSource.Capture,
                Mac = client.Mac,
                Http = new HttpFacts { Method = request.Method, Status = status },
                Format = ok && BodyStart(segment.Payload.Span) is { Length: > 0 } body ? ProgramFormats.Of(body) : null,
                Address = segment.Destination.ToString(),
                File = request.Path,
                Bytes = ok ? length : null,
                Detail = string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.Path}: {status} {reason}"),
            });
        }
    }

    private void HttpUnanswered(HttpExchange request)
    {
        _httpRequests.Remove((request.Client, request.ClientPort));
        var client = ClientByAddress(request.Client);
        Record(client, new BootEvent
        {
            Time = _lastTime,
            Step = BootStep.HttpFailed,
            Source = EvidenceSource.Capture,
            Mac = client.Mac,
            Http = new HttpFacts { Method = request.Method },
            Address = request.Client.ToString(),
            File = request.Path,
            Detail = $"{request.Method} {request.Path}: no answer from {request.Server} in the capture",
        });
    }

    /// <summary>The body's first bytes, when the segment that carries the status line carries them too.</summary>
    private static ReadOnlySpan<byte> BodyStart(ReadOnlySpan<byte> payload)
    {
        int end = payload.IndexOf("\r\n\r\n"u8);
        return end < 0 ? default : payload[(end + 4)..];
    }

    private static string HeadLine(ReadOnlySpan<byte> payload, out string all)
    {
        all = Encoding.Latin1.GetString(payload[..Math.Min(payload.Length, 2048)]);
        int end = all.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? all : all[..end]).TrimEnd('\r');
    }

    private sealed record HttpExchange(IPAddress Client, int ClientPort, IPAddress Server, string Method, string Path, DateTimeOffset Time);
}
