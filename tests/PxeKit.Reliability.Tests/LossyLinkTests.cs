using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PxeKit.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// TFTP and DHCP through a faulty link (loss, delay with jitter and the reordering it causes,
/// duplication; see <see cref="PxrImpairment"/>). Every transfer with every Debian client must
/// finish byte-identical (sha256); duplicated ACKs must not make the server send more.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class LossyLinkTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-lossy-").FullName;
    private PxrNetwork _net = null!;

    public async Task InitializeAsync() => _net = await PxrNetwork.CreateAsync();

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostTheory]
    // Each attempt is an independent draw of the loss: two attempts at 10% once failed a healthy server when
    // atftp lost its ACK of the OACK twice in a row (below). More attempts make that rare; a wrong file still fails at once.
    [InlineData("loss 10%", 32, 5)]
    [InlineData("loss 30%", 8, 8)]
    [InlineData("delay 30ms 20ms", 64, 1)]
    [InlineData("duplicate 30%", 256, 1)]
    public async Task Every_client_gets_the_file_byte_identical_through_a_faulty_link(string fault, int kib, int attempts)
    {
        var content = RandomNumberGenerator.GetBytes(kib * 1024);
        await File.WriteAllBytesAsync(Path.Combine(_root, "image.bin"), content);
        string expected = Convert.ToHexStringLower(SHA256.HashData(content));
        await using var serve = await StartTftpAsync();

        var failures = new List<string>();
        int completed = 0;
        int firstAttempt = 0;
        var impairment = await ImpairAsync(fault);
        try
        {
            foreach (var client in PxrTftpClients.Names)
            {
                // Lock-step TFTP at 30% loss loses an exchange half the time; a server that gives up after
                // its retries is right to, and firmware then asks again: so may the client here. atftp
                // 0.7 also aborts ("unexpected OACK") when its ACK of the OACK is lost and the server
                // rightly sends the OACK again. Any file a client kept must be identical, whatever the attempt.
                for (int attempt = 1; attempt <= attempts; attempt++)
                {
                    var destination = Path.Combine(_root, $"got-{client}-{attempt}.bin");
                    // Under delay, atftp asks for windows of 8 blocks: with several packets in flight, jitter reorders them.
                    var (result, elapsed) = await PxrTftpClients.GetAsync(_net, client, "image.bin", destination, TimeSpan.FromSeconds(90), fault.StartsWith("delay", StringComparison.Ordinal) ? 8 : 0);
                    string actual = File.Exists(destination) ? Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(destination))) : "(no file)";
                    bool same = actual == expected && result.ExitCode == 0;
                    output.WriteLine($"{impairment.Description}: {client} {kib} KiB attempt {attempt} in {elapsed.TotalSeconds:F1} s, exit {result.ExitCode}, sha256 {(actual == expected ? "identical" : "DIFFERENT")}");
                    if (result.ExitCode == 0 && actual != expected)
                    {
                        failures.Add($"{client} reported success with a different file: sha256 {actual}");
                        break;
                    }

                    if (same)
                    {
                        completed++;
                        firstAttempt += attempt == 1 ? 1 : 0;
                        break;
                    }

                    if (attempt == attempts)
                    {
                        failures.Add($"{client}: exit {result.ExitCode}, sha256 {actual}: {result.All.Trim()}");
                    }
                }
            }
        }
        finally
        {
            await impairment.DisposeAsync();
        }

        if (impairment.DelayReport.Length > 0)
        {
            output.WriteLine(impairment.DelayReport);
        }

        output.WriteLine($"{fault}: {completed} of {PxrTftpClients.Names.Count} clients got the file byte-identical, {firstAttempt} at the first attempt");
        Assert.False(serve.HasExited, serve.Error);
        Assert.True(failures.Count == 0, $"through '{fault}': " + string.Join("\n", failures));
    }

    [HostFact]
    public async Task Duplicated_acks_never_double_the_stream()
    {
        // Sorcerer's Apprentice (RFC 1123 section 4.2.3.1): a server that answers every duplicate ACK with
        // the next block sends each block twice from then on. Half the ACKs are sent twice here.
        var content = RandomNumberGenerator.GetBytes(256 * 1024);
        await File.WriteAllBytesAsync(Path.Combine(_root, "image.bin"), content);
        await using var serve = await StartTftpAsync();
        long data;
        var destination = Path.Combine(_root, "got.bin");
        await using (await PxrImpairment.DuplicateAsync(_net, 50, toServer: true, toClient: false))
        await using (var counter = await PxrDataCounter.StartAsync(_net.ServerNamespace))
        {
            var (result, _) = await PxrTftpClients.GetAsync(_net, "tftp-hpa", "image.bin", destination, TimeSpan.FromSeconds(60));
            Assert.True(result.ExitCode == 0, result.All);
            data = await counter.ReadAsync();
        }

        int blocks = (content.Length / 512) + 1; // the last, empty block ends a transfer of whole blocks
        output.WriteLine($"duplicate 50% of ACKs: {blocks} blocks, {data} DATA packets sent");
        Assert.Equal(content, await File.ReadAllBytesAsync(destination));
        Assert.InRange(data, blocks, blocks + (blocks / 20));
    }

    [HostFact]
    public async Task Udhcpc_gets_a_lease_through_10_percent_loss()
    {
        PxrTools.Require("busybox", "busybox");
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
            "--interface", _net.ServerInterface, "--root", _root, "--dhcp-range", "10.49.0.100-10.49.0.199",
            "--lease-db", Path.Combine(_root, "leases.db"), "--no-capture");
        var script = Path.Combine(_root, "udhcpc.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        int leased = 0, firstTry = 0;
        const int clients = 8;
        await using (await PxrImpairment.LossAsync(_net, 10))
        {
            for (int i = 0; i < clients; i++)
            {
                await _net.SetClientMacAsync($"52:54:00:4c:00:{i:x2}");

                // A machine whose DHCP gives up tries again (firmware retries for ever): two runs of udhcpc per machine.
                for (int attempt = 1; attempt <= 2; attempt++)
                {
                    var result = await _net.ClientAsync(TimeSpan.FromSeconds(60),
                        "busybox", "udhcpc", "-i", _net.ClientInterface, "-n", "-q", "-f", "-t", "10", "-T", "1", "-A", "1", "-s", script);
                    if (LeaseLine().IsMatch(result.Output))
                    {
                        leased++;
                        firstTry += attempt == 1 ? 1 : 0;
                        break;
                    }

                    output.WriteLine($"loss 10%: machine {i}, udhcpc run {attempt} got no lease: {result.Output}{result.Error}");
                }
            }
        }

        output.WriteLine($"loss 10%: {leased} of {clients} machines got a lease, {firstTry} with the first udhcpc run");
        Assert.Equal(clients, leased);
    }

    private Task<ServeProcess> StartTftpAsync() => ServeProcess.StartAsync(_net.ServerNamespace,
        "--interface", _net.ServerInterface, "--root", _root, "--no-dhcp", "--no-capture", "--lease-db", ":memory:");

    private Task<PxrImpairment> ImpairAsync(string fault) => fault.Split(' ') switch
    {
        ["loss", var p] => PxrImpairment.LossAsync(_net, int.Parse(p.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)),
        // Towards the server only: duplicated requests and ACKs are the server's problem. Duplicated DATA
        // and OACKs test the clients, and atftp 0.7 aborts on a second OACK ("unexpected OACK").
        ["duplicate", var p] => PxrImpairment.DuplicateAsync(_net, int.Parse(p.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), toServer: true, toClient: false),
        ["delay", var d, var j] => PxrImpairment.DelayAsync(_net, int.Parse(d[..^2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(j[..^2], System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"unknown fault '{fault}'", nameof(fault)),
    };

    [GeneratedRegex(@"LEASE ip=\S+")]
    private static partial Regex LeaseLine();
}
