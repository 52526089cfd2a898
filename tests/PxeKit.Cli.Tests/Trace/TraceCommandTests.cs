using PxeKit.Cli.Commands;
using PxeKit.Core.Capture;

namespace PxeKit.Cli.Tests.Trace;

/// <summary><c>pxekit trace --read</c> on real captures: the timeline, the verdicts and the exit status.</summary>
public sealed class TraceCommandTests : IDisposable
{
    private const string Golden = "bios-dnsmasq-qemu.timeline.txt";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxc-trace-cli-");

    public void Dispose() => _work.Delete(recursive: true);

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void The_dnsmasq_and_qemu_bios_boot_prints_the_expected_timeline_and_exits_0()
    {
        var (code, output, error) = Trace("--read", TraceCaptures.PathOf("bios-dnsmasq-qemu.pcap"));

        Assert.Equal("", error);
        Assert.Equal(ExitCodes.Success, code);
        var text = output.Replace(TraceCaptures.Directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
        var golden = TraceCaptures.PathOf(Golden);
        if (Environment.GetEnvironmentVariable("PXEKIT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, text);
        }

        Assert.Equal(File.ReadAllText(golden), text);
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void The_golden_dhcp6_capture_prints_the_dhcp6_steps_and_exits_0()
    {
        var capture = Path.Combine(TraceCaptures.Directory, "..", "..", "..", "PxeKit.Protocol.Tests", "Data", "ovmf-ipxe-dhcp6.pcap");

        var (code, output, error) = Trace("--read", capture);

        Assert.Equal(("", ExitCodes.Success), (error, code));
        Assert.Contains("16 frames, 16 of them DHCP, TFTP or HTTP", output, StringComparison.Ordinal);
        Assert.Contains("client 52:54:00:12:34:56  fd00:47:9::", output, StringComparison.Ordinal);
        Assert.Contains("dhcp6-advertise", output, StringComparison.Ordinal);
        Assert.Contains("Advertise from fe80::80d1:22ff:fe9f:6472: fd00:47:9::", output, StringComparison.Ordinal);
        Assert.Contains("boot file URL tftp://[fd00:47:9::1]/ipxe.efi", output, StringComparison.Ordinal);
        Assert.EndsWith("No fault seen on the wire.\n", output, StringComparison.Ordinal);
    }

    [HostTheory(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    [InlineData("ipxe-loop.pcap", "An iPXE chainload loop: 52:54:00:c0:ff:ee is given undionly.kpxe")]
    [InlineData("no-boot-info.pcap", "run a PXE server in proxy mode beside it (pxekit serve --proxy")]
    [InlineData("tftp-missing.pcap", "asked for missing.0 and the TFTP server at 10.93.7.1 does not have it.")]
    [InlineData("tftp-blocked.pcap", "Nothing answered the TFTP requests for pxelinux.0.")]
    public void A_failed_boot_is_named_and_exits_1(string capture, string named)
    {
        var (code, output, _) = Trace("--read", TraceCaptures.PathOf(capture));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("  FAULT  ", output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.Ordinal);
        Assert.EndsWith("1 fault found, for 1 of 1 client.\n", output, StringComparison.Ordinal);
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void Write_saves_a_pcapng_that_tells_the_same_story()
    {
        var copy = Path.Combine(_work.FullName, "copy.pcapng");

        var first = Trace("--read", TraceCaptures.PathOf("tftp-missing.pcap"), "--write", copy);
        var second = Trace("--read", copy);

        Assert.Equal(ExitCodes.Failure, second.Code);
        Assert.Equal(Body(first.Output), Body(second.Output));
        Assert.Equal(175, CaptureFile.Read(copy).Count());
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void Mac_keeps_one_client()
    {
        var (code, output, _) = Trace("--read", TraceCaptures.PathOf("bios-dnsmasq-qemu.pcap"), "--mac", "52:54:00:00:00:99");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("; 0 clients.", output, StringComparison.Ordinal);
        Assert.Contains("No DHCP, TFTP or HTTP boot traffic in the capture.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "give either --interface IF (capture live) or --read FILE")]
    [InlineData(new[] { "--read", "a.pcap", "--interface", "eth0" }, "not both or neither")]
    [InlineData(new[] { "--read", "a.pcap", "--duration", "5" }, "--duration is for a live capture")]
    [InlineData(new[] { "--interface", "eth0", "--duration", "-1" }, "--duration must be a positive number")]
    [InlineData(new[] { "--read", "a.pcap", "--mac", "nope" }, "--mac 'nope' is not a MAC address")]
    [InlineData(new[] { "--read", "a.pcap", "--write", "/nonexistent-dir/x.pcapng" }, "the directory /nonexistent-dir does not exist")]
    public void Bad_usage_says_why_and_exits_2(string[] arguments, string why)
    {
        var (code, output, error) = Trace(arguments);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Equal("", output);
        Assert.Contains(why, error, StringComparison.Ordinal);
        Assert.Contains("see pxekit trace --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_capture_is_refused_with_exit_2()
    {
        var text = Path.Combine(_work.FullName, "notes.txt");
        File.WriteAllText(text, "not a capture");

        var missing = Trace("--read", Path.Combine(_work.FullName, "nope.pcap"));
        var notCapture = Trace("--read", text);

        Assert.Equal((ExitCodes.BadConfiguration, ExitCodes.BadConfiguration), (missing.Code, notCapture.Code));
        Assert.Contains("nope.pcap does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Contains("notes.txt is not a capture file", notCapture.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_that_does_not_exist_is_refused_with_exit_2()
    {
        var (code, _, error) = Trace("--interface", "pxcnosuch0", "--duration", "1");

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Contains("pxcnosuch0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_teaches_with_examples()
    {
        var output = new StringWriter();
        var parse = PxeKitCommand.Create().Parse(["trace", "--help"]);

        parse.InvocationConfiguration.Output = output;
        parse.Invoke();

        var help = output.ToString();
        Assert.Contains("pxekit trace --read boot.pcap", help, StringComparison.Ordinal);
        Assert.Contains("--write", help, StringComparison.Ordinal);
        Assert.Contains("Exit status: 0 no fault seen, 1 a fault was found, 2", help, StringComparison.Ordinal);
    }

    private static string Body(string output) => output[output.IndexOf('\n', StringComparison.Ordinal)..];

    private static (int Code, string Output, string Error) Trace(params string[] arguments)
    {
        var parse = PxeKitCommand.Create().Parse(["trace", .. arguments]);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int code = parse.Errors.Count > 0 ? -1 : TraceCommand.Run(parse, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
