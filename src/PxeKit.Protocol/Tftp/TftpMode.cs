namespace PxeKit.Protocol.Tftp;

/// <summary>
/// Transfer mode of a request (RFC 1350 section 5). The obsolete <c>mail</c> mode is not supported:
/// the parser reports it as <see cref="TftpParseError.BadMode"/>.
/// </summary>
public enum TftpMode
{
    /// <summary>Raw 8-bit bytes; what every PXE client uses.</summary>
    Octet,

    /// <summary>Network ASCII: line ends are CR LF and a bare CR is sent as CR NUL (RFC 764).</summary>
    NetAscii,
}
