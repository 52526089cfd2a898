using System.Net;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>A parsed RRQ or WRQ, copied out of the listener's buffer so its transfer can run on its own.</summary>
/// <param name="Opcode">RRQ or WRQ.</param>
/// <param name="FileName">The requested name, bytes decoded as Latin-1 (one character per byte).</param>
/// <param name="Mode">Transfer mode.</param>
/// <param name="Options">The options PxeKit understands.</param>
/// <param name="Client">The client's transfer ID: its address and port.</param>
/// <param name="LocalAddress">The address the request was sent to; the transfer answers from it.</param>
internal sealed record TftpRequest(
    TftpOpcode Opcode,
    string FileName,
    TftpMode Mode,
    TftpRequestOptions Options,
    IPEndPoint Client,
    IPAddress LocalAddress);
