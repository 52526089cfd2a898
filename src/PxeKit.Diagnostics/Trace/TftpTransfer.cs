using System.Net;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// One TFTP read as seen on the wire: the request to port 69, then the OACK, DATA and ACK exchanged with
/// the server's own port (RFC 1350 section 4: the server answers from a new port, the transfer ID).
/// </summary>
public sealed class TftpTransfer
{
    internal TftpTransfer(IPAddress client, int clientPort, IPAddress server, string file, DateTimeOffset time)
    {
        Client = client;
        ClientPort = clientPort;
        Server = server;
        File = file;
        Started = time;
        LastActivity = time;
    }

    public IPAddress Client { get; }

    public int ClientPort { get; }

    /// <summary>The server the request went to.</summary>
    public IPAddress Server { get; }

    /// <summary>The server's transfer port, once it answered; 0 before.</summary>
    public int ServerPort { get; internal set; }

    public string File { get; }

    public DateTimeOffset Started { get; }

    public DateTimeOffset LastActivity { get; internal set; }

    /// <summary>How many read requests the client sent for this transfer (retransmissions included).</summary>
    public int Requests { get; internal set; } = 1;

    /// <summary>Block size in use: 512, or what the OACK agreed.</summary>
    public int BlockSize { get; internal set; } = Protocol.Tftp.TftpConstants.DefaultBlockSize;

    /// <summary>The server answered the request with an OACK.</summary>
    public bool OptionAcknowledged { get; internal set; }

    /// <summary>DATA packets sent, retransmissions included.</summary>
    public int DataPackets { get; internal set; }

    /// <summary>ACKs the client sent, for the OACK (block 0) or for DATA.</summary>
    public int Acks { get; internal set; }

    /// <summary>ACKs for DATA blocks (block 1 and on); 0 when the server's DATA never got an answer.</summary>
    public int DataAcks { get; internal set; }

    /// <summary>The highest DATA block sent and the number of times it was sent.</summary>
    public int LastBlock { get; internal set; }

    public int LastBlockSends { get; internal set; }

    /// <summary>Bytes of file data, counted once per block (from the lengths on the wire).</summary>
    public long Bytes { get; internal set; }

    /// <summary>The final (short) block has been sent; <see cref="TftpOutcome.Complete"/> once it is acknowledged.</summary>
    public bool LastBlockSent { get; internal set; }

    public TftpOutcome Outcome { get; internal set; }

    /// <summary>What kind of program the file is, told by the first DATA block.</summary>
    public ProgramFormat? Format { get; internal set; }

    /// <summary>The ERROR text of a refused or aborted transfer.</summary>
    public string? Error { get; internal set; }

    /// <summary>The TFTP error code of a refused or aborted transfer.</summary>
    public int? ErrorCode { get; internal set; }
}
