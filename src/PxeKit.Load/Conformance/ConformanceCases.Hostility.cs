using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Load.Conformance.CaseVerdict;

namespace PxeKit.Load.Conformance;

public static partial class ConformanceCases
{
    /// <summary>DISCOVERs in a row that get no OFFER before the pool counts as dry.</summary>
    private const int DryAfter = 3;

    /// <summary>The leases the stalled-log case renews, each <see cref="StalledRounds"/> times.</summary>
    private const int StalledMachines = 100;

    private const int StalledRounds = 3;

    private static IEnumerable<ConformanceCase> Hostility() =>
    [
        new()
        {
            Id = "hostile-forged-4011",
            Section = "PXE 2.1 2.2.7; forged",
            Level = ConformanceLevel.Hostility,
            Sends = "a PXE machine's DORA; then, from another address, a boot-server REQUEST to port 4011 with that machine's MAC",
            Expects = "nothing changes for the machine: INIT-REBOOT gets the same address, next-server and boot file",
            Run = Forged4011,
        },
        new()
        {
            Id = "hostile-starvation",
            Section = "pool starvation",
            Level = ConformanceLevel.Hostility,
            Sends = "a known machine's DORA, then DORAs from forged MACs until the pool is dry (at most --starve)",
            Expects = "the known machine gets its address again, and the reserved one (--reserved) its reservation",
            Run = Starvation,
        },
        new()
        {
            Id = "hostile-stalled-log",
            Section = "logging never blocks",
            Level = ConformanceLevel.Hostility,
            Sends = $"with the server's log output a pipe nobody reads (--log-stalled): {StalledRounds} INIT-REBOOTs from each of up to {StalledMachines} machines with leases",
            Expects = "every one ACKed in time: a stalled reader delays no reply",
            Run = StalledLog,
        },
        new()
        {
            Id = "hostile-held-tftp",
            Section = "RFC 2347-2349; held transfers",
            Level = ConformanceLevel.Hostility,
            Sends = "from the second address, --held-requests read requests with timeout 255 and blksize 65464, never acknowledged; meanwhile a download from the first address",
            Expects = "the download completes, byte for byte the same as one made before the flood",
            Run = HeldTftp,
        },
    ];

    private static CaseVerdict Forged4011(ConformanceProbe probe)
    {
        var mac = probe.NewMac();
        var victim = probe.Lease(mac, m => Pxe(m));
        if (!victim.Leased)
        {
            return Fail("the PXE machine got " + victim.Describe());
        }

        var forged = ConformanceProbe.Message(DhcpMessageType.Request, mac);
        Pxe(forged);
        forged.Flags = 0;
        string answer;
        using (var socket = DeviceSocket.Bound(probe.Options.Interface, new IPEndPoint(IPAddress.Any, 0)))
        {
            socket.Connect(new IPEndPoint(probe.Options.Server, DhcpConstants.PxeServerPort));
            forged.ClientAddress = ((IPEndPoint)socket.LocalEndPoint!).Address;
            var datagram = new byte[DhcpConstants.MaximumMessageLength];
            socket.Send(datagram.AsSpan(0, forged.WriteTo(datagram)));
            socket.ReceiveTimeout = (int)probe.Options.ReplyTimeout.TotalMilliseconds;
            try
            {
                answer = socket.Receive(datagram) > 0 ? "answered" : "silent";
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                return NotApplicable("nothing listens on port 4011 (no PXE boot server)");
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                answer = "silent";
            }
        }

        var after = probe.Ask(Pxe(ConformanceProbe.InitReboot(mac, victim.Address)));
        if (after is not { Type: DhcpMessageType.Ack })
        {
            return Fail($"port 4011 {answer}; the machine then got {Addresses(after)}");
        }

        var before = Boot(victim.Ack!.Message);
        var now = Boot(after.Message);
        return When(before == now, $"port 4011 {answer} to the forgery; the machine's answer before: {before}; after: {now}");
    }

    private static CaseVerdict Starvation(ConformanceProbe probe)
    {
        var known = probe.Lease(probe.NewMac());
        if (!known.Leased)
        {
            return Fail("the known machine got " + known.Describe());
        }

        int taken = 0, dry = 0, sent = 0;
        for (; sent < probe.Options.Starve && dry < DryAfter; sent++)
        {
            var forged = probe.Lease(probe.NewMac(), tries: 1);
            (taken, dry) = forged.Leased ? (taken + 1, 0) : (taken, dry + 1);
        }

        if (dry < DryAfter)
        {
            return NotApplicable($"the pool outlasted {taken} forged clients: raise --starve above the pool's size");
        }

        var again = probe.Lease(known.Ack!.Message.ClientHardwareAddress);
        var seen = $"{taken} forged leases, then the pool was dry; the known machine (had {known.Address}) got {again.Describe()}";
        var passed = again.Leased && again.Address.Equals(known.Address);
        if (probe.Options.Reserved is { } reserved)
        {
            var machine = probe.Lease(reserved.Mac);
            seen += $"; the reserved machine ({reserved.Address}) got {machine.Describe()}";
            passed &= machine.Leased && machine.Address.Equals(reserved.Address);
        }

        return When(passed, seen);
    }

    private static CaseVerdict StalledLog(ConformanceProbe probe)
    {
        if (!probe.Options.LogStalled)
        {
            return NotApplicable("the server's log output was not stalled (start it so, then pass --log-stalled)");
        }

        for (var i = 0; probe.Leases.Count < StalledMachines && i < StalledMachines; i++)
        {
            if (!probe.Lease(probe.NewMac(), tries: 1).Leased)
            {
                break;
            }
        }

        var machines = probe.Leases.TakeLast(StalledMachines).ToList();
        int acked = 0, asked = 0;
        var slowest = TimeSpan.Zero;
        for (var round = 0; round < StalledRounds; round++)
        {
            foreach (var (mac, address, clientId) in machines)
            {
                var request = ConformanceProbe.InitReboot(mac, address);
                if (clientId is not null)
                {
                    request.SetOption(DhcpOptionCode.ClientIdentifier, clientId);
                }

                var clock = Stopwatch.StartNew();
                var reply = probe.Ask(request, DhcpPath.Broadcast, tries: 1);
                slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                asked++;
                acked += reply is { Type: DhcpMessageType.Ack } ? 1 : 0;
            }
        }

        return When(asked > 0 && acked == asked, $"{acked} of {asked} INIT-REBOOTs from {machines.Count} machines ACKed, the slowest in {slowest.TotalMilliseconds:F0} ms");
    }

    /// <summary>The options of PXE firmware (PXE 2.1, RFC 4578): vendor class, architecture 0 (BIOS), UNDI 2.1, a GUID.</summary>
    private static DhcpMessage Pxe(DhcpMessage message)
    {
        message.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00000:UNDI:002001");
        message.SetOption(DhcpOptionCode.ClientSystemArchitecture, [0, 0]);
        message.SetOption((DhcpOptionCode)94, [1, 2, 1]);
        message.SetOption((DhcpOptionCode)97, [0, .. message.ClientHardwareAddress, .. message.ClientHardwareAddress, 0, 0, 0, 0]);
        message.SetOption(DhcpOptionCode.ParameterRequestList, [1, 3, 6, 43, 51, 54, 60, 66, 67]);
        return message;
    }

    /// <summary>What a PXE machine boots from an answer: its address, next-server and boot file (field or option 67).</summary>
    private static string Boot(DhcpMessage m) =>
        $"{m.YourAddress}, next-server {m.ServerAddress}, file '{(m.BootFile.Length > 0 ? m.BootFile : m.GetString(DhcpOptionCode.BootFileName))}'";
}
