using System.Net;

namespace PxeKit.Load.Conformance;

/// <summary>
/// The suite, in the order it runs: RFC cases first, then the hostile ones, which leave the server loaded (a dry pool,
/// held transfers). Written from RFC 2131, 2132, 3046 and 6842 and from issue 13; nothing here knows which server answers.
/// </summary>
public static partial class ConformanceCases
{
    /// <summary>A server identifier no server on the probe's segment has (TEST-NET-1, RFC 5737).</summary>
    private static readonly IPAddress OtherServer = IPAddress.Parse("192.0.2.1");

    /// <summary>
    /// Option 61 as RFC 4361 clients send it: type 255, an IAID (1), then a DUID-EN (RFC 8415 11.3: type 2, enterprise
    /// number 9, an identifier that goes on with the MAC); bytes no server would make up.
    /// </summary>
    private static readonly byte[] ClientIdPrefix = [0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x09, 0x70, 0x78, 0x6b];

    public static IReadOnlyList<ConformanceCase> All { get; } = [.. Rfc2131(), .. Rfc2132(), .. Rfc6842(), .. Rfc3046(), .. Hostility()];

    /// <summary>The cases <c>--only</c> selects: an id, or a prefix of ids (<c>2131</c>, <c>hostile</c>).</summary>
    public static IReadOnlyList<ConformanceCase> Select(IReadOnlyList<string> only) =>
        only.Count == 0 ? All : [.. All.Where(c => only.Any(o => c.Id.StartsWith(o, StringComparison.Ordinal)))];

    /// <summary>A client identifier unique to this machine of this run.</summary>
    private static byte[] ClientId(byte[] mac) => [.. ClientIdPrefix, .. mac];

    private static string Addresses(DhcpReply? reply) => reply is null ? "silence" : $"{reply.Type} yiaddr {reply.Message.YourAddress}";
}
