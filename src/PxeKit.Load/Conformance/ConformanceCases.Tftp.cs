using System.Net;
using System.Net.Sockets;
using PxeKit.Protocol.Tftp;
using static PxeKit.Load.Conformance.CaseVerdict;

namespace PxeKit.Load.Conformance;

public static partial class ConformanceCases
{
    /// <summary>How long the download during the flood may take before it counts as locked out.</summary>
    private static readonly TimeSpan DownloadLimit = TimeSpan.FromSeconds(30);

    private static CaseVerdict HeldTftp(ConformanceProbe probe)
    {
        if (probe.Options.TftpFile is not { } file)
        {
            return NotApplicable("no --tftp-file to download");
        }

        if (probe.Options.SecondAddress is not { } holder)
        {
            return NotApplicable("no --second-address to hold transfers from");
        }

        var download = new TftpDownload(new TftpDownloadOptions { Server = new IPEndPoint(probe.Options.Server, TftpConstants.ServerPort), FileName = file });
        var before = download.Run(DateTime.UtcNow + DownloadLimit);
        if (!before.Succeeded)
        {
            return Fail($"'{file}' could not be downloaded before the flood: {before.Error}");
        }

        // Each held request has a socket of its own, open and never read: what the server sends piles up in it and is
        // dropped, without the ICMP port-unreachable that would end the transfer at once. Closing them ends the flood.
        var held = new List<Socket>(probe.Options.HeldRequests);
        try
        {
            var request = new byte[TftpConstants.OpcodeLength + 512];
            var length = TftpPacketWriter.WriteRequest(request, TftpOpcode.ReadRequest, file, TftpMode.Octet,
            [
                new(TftpConstants.BlockSizeOption, TftpConstants.MaxBlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(TftpConstants.TimeoutOption, TftpConstants.MaxTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(TftpConstants.TransferSizeOption, "0"),
            ]);
            var server = new IPEndPoint(probe.Options.Server, TftpConstants.ServerPort);
            for (var i = 0; i < probe.Options.HeldRequests; i++)
            {
                var socket = DeviceSocket.Bound(probe.Options.Interface, new IPEndPoint(holder, 0));
                held.Add(socket);
                socket.SendTo(request.AsSpan(0, length), SocketFlags.None, server);
            }

            var during = download.Run(DateTime.UtcNow + DownloadLimit);
            var (started, refused) = FirstAnswers(held);
            var flood = $"{held.Count} read requests held from {holder}: {started} started, {refused} refused with an ERROR, {held.Count - started - refused} unanswered";
            if (!during.Succeeded)
            {
                return Fail($"{flood}; the download from another address failed: {during.Error}");
            }

            return When(during.Sha256 == before.Sha256 && during.Bytes == before.Bytes,
                $"{flood}; the download of '{file}' ({during.Bytes} bytes) took {during.Elapsed.TotalSeconds:F1} s, {(during.Sha256 == before.Sha256 ? "byte-exact" : "different bytes")}");
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    /// <summary>How the server met the held requests: a transfer started (OACK or DATA waiting in the socket), or an ERROR.</summary>
    private static (int Started, int Refused) FirstAnswers(List<Socket> held)
    {
        int started = 0, refused = 0;
        var packet = new byte[TftpConstants.MaxPacketLength];
        foreach (var socket in held.Where(s => s.Available >= TftpConstants.OpcodeLength))
        {
            var opcode = (TftpOpcode)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(0, socket.Receive(packet)));
            (started, refused) = opcode == TftpOpcode.Error ? (started, refused + 1) : (started + 1, refused);
        }

        return (started, refused);
    }
}
