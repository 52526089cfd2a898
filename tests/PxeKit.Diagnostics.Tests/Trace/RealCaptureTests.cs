using System.Diagnostics;
using PacketDotNet;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Tests.Support;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>
/// Real captures (dnsmasq 2.90 serving QEMU's iPXE ROM, busybox udhcpc and tftp), read through libpcap and told as
/// boot stories; and PxeKit's own pcapng, opened by tcpdump. The reader itself is tested in Core (Capture/CaptureFileTests).
/// </summary>
public sealed class RealCaptureTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxc-trace-");

    public void Dispose() => _work.Delete(recursive: true);

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void The_dnsmasq_and_qemu_bios_boot_reads_as_one_clean_story()
    {
        var analyzer = Analyze(TraceData.BiosBoot);

        var client = Assert.Single(analyzer.Clients);
        Assert.Equal(("52:54:00:c0:ff:ee", "10.93.7.120"), (client.Mac, client.Address));
        var dhcp = client.Events.Where(e => e.Step.ToString().StartsWith("Dhcp", StringComparison.Ordinal)).Select(e => e.Step);
        Assert.Equal([BootStep.DhcpDiscover, BootStep.DhcpOffer, BootStep.DhcpDiscover, BootStep.DhcpOffer, BootStep.DhcpRequest, BootStep.DhcpAck], dhcp);
        Assert.All(client.Events.Where(e => e.Step == BootStep.DhcpOffer), e => Assert.Equal(("10.93.7.1", "pxelinux.0"), (e.Server, e.File)));
        var sent = client.Events.Where(e => e.Step == BootStep.TftpComplete).Select(e => (e.File, e.Bytes)).ToList();
        // The sizes of the fixture files dnsmasq sent, counted from the DATA lengths on the wire.
        Assert.Equal(
            [("pxelinux.0", 42430L), ("ldlinux.c32", 119524L), ("pxelinux.cfg/default", 115L), ("vmlinuz", 8247232L), ("initrd.gz", 1058481L)],
            sent);
        Assert.Equal(9, client.Events.Count(e => e.Step == BootStep.TftpRefused && e.File!.StartsWith("pxelinux.cfg/", StringComparison.Ordinal)));
        Assert.Empty(Diagnosis.Of(analyzer));
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void Fault_h_the_ipxe_chainload_loop_capture()
    {
        var verdict = Assert.Single(Diagnosis.Of(Analyze(TraceData.IpxeLoop)));

        Assert.Equal(FaultId.ChainloadLoop, verdict.Fault);
        Assert.StartsWith("An iPXE chainload loop: 52:54:00:c0:ff:ee is given undionly.kpxe", verdict.Cause, StringComparison.Ordinal);
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void Fault_g_the_offer_without_boot_information_capture()
    {
        var verdict = Assert.Single(Diagnosis.Of(Analyze(TraceData.NoBootInfo)));

        Assert.Equal("02:00:00:c0:ff:01", verdict.Client);
        Assert.StartsWith("10.93.7.1 is not set up for network boot: run a PXE server in proxy mode beside it (pxekit serve --proxy", verdict.Fix, StringComparison.Ordinal);
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void The_tftp_file_not_found_capture_names_the_file()
    {
        var verdict = Assert.Single(Diagnosis.Of(Analyze(TraceData.TftpMissing)));

        Assert.Equal((FaultId.BootFileMissing, "02:00:00:c0:ff:01 asked for missing.0 and the TFTP server at 10.93.7.1 does not have it."), (verdict.Fault, verdict.Cause));
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void Fault_b_read_requests_dropped_on_the_server_host_capture()
    {
        var analyzer = Analyze(TraceData.TftpBlocked);

        var verdict = Assert.Single(Diagnosis.Of(analyzer));
        Assert.Equal("Nothing answered the TFTP requests for pxelinux.0.", verdict.Cause);
        Assert.Contains("sent 12 read requests for pxelinux.0 to 10.93.7.1:69", verdict.Seen, StringComparison.Ordinal);
        // The capture ends with the last retransmission: a request sent 12 times is stuck, not cut off.
        Assert.Equal(TftpOutcome.Stalled, Assert.Single(analyzer.Clients[0].Transfers).Outcome);
    }

    [HostTheory(Root = false, Programs = ["tcpdump"])]
    [InlineData(LinkLayers.LinuxSll2)]
    [InlineData(LinkLayers.Raw)]
    [InlineData(LinkLayers.Ethernet)]
    public void Pcapng_written_here_opens_in_tcpdump_and_reads_back_as_the_same_story(LinkLayers link)
    {
        var tcpdump = new[] { "/usr/bin/tcpdump", "/usr/sbin/tcpdump" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("tcpdump is not installed (scripts/install-deps.sh installs it): the pcapng files cannot be checked against it.");
        var path = Path.Combine(_work.FullName, "boot.pcapng");
        var frames = new WireScript { Link = link }.Lease().Download(2, "pxelinux.0", 2070, 50001).Frames;
        using (var writer = PcapNgWriter.Create(path))
        {
            foreach (var frame in frames)
            {
                writer.Write(frame);
            }
        }

        var info = new ProcessStartInfo(tcpdump, ["-n", "-r", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "tcpdump did not finish");

        Assert.True(process.ExitCode == 0, $"tcpdump -r failed: {errors}");
        Assert.Equal(frames.Count, lines.Length);
        Assert.Contains("RRQ \"pxelinux.0\"", lines[4], StringComparison.Ordinal);
        var analyzer = new TraceAnalyzer();
        foreach (var frame in CaptureFile.Read(path))
        {
            analyzer.Add(frame);
        }

        Assert.Equal(6, Assert.Single(analyzer.Clients).Events.Count);
    }

    private static TraceAnalyzer Analyze(string name)
    {
        var analyzer = new TraceAnalyzer();
        foreach (var frame in CaptureFile.Read(TraceData.PathOf(name)))
        {
            analyzer.Add(frame);
        }

        analyzer.Finish();
        return analyzer;
    }
}
