using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PxeKit.Core.Events;
using PxeKit.Reliability.Tests.Support;
using PxeKit.Server.Leases;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// The lease database on a file system that fills up (a 1 MiB tmpfs, filled to ENOSPC): udhcpc, renewing the lease it
/// holds, is still ACKed, for the time its stored lease has left and no longer; once there is room again its renewal
/// is extended as before. The outage and its end are journaled.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class LeaseDiskFullTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-diskfull-").FullName;
    private PxrNetwork _net = null!;
    private bool _mounted;
    private readonly System.Text.StringBuilder _udhcpc = new();
    private ServeProcess? _serve;

    private string Disk => Path.Combine(_root, "disk");

    private string LeaseDb => Path.Combine(Disk, "leases.db");

    private string Ballast => Path.Combine(Disk, "ballast");

    private string ScriptLog => Path.Combine(_root, "udhcpc.log");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Disk);
        Directory.CreateDirectory(Path.Combine(_root, "tftp"));
        // The address is configured as a real client does, so that udhcpc renews by unicast from it (RENEWING).
        await File.WriteAllTextAsync(Path.Combine(_root, "udhcpc.sh"), $"""
            #!/bin/sh
            case "$1" in
              deconfig) ip addr flush dev "$interface" ;;
              bound|renew) ip addr replace "$ip/$mask" dev "$interface" ;;
            esac
            echo "$1 ip=$ip lease=$lease" >> {ScriptLog}
            exit 0

            """);
        File.SetUnixFileMode(Path.Combine(_root, "udhcpc.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _net = await PxrNetwork.CreateAsync();
        await File.WriteAllTextAsync(Path.Combine(_root, "pxekit.yaml"), $"""
            interface: {_net.ServerInterface}
            dhcp:
              range: 10.49.0.100-10.49.0.149
            """);

        // Mounted before serve starts, so that its mount namespace (ip netns exec makes one) has it too.
        await Sh.CheckAsync("mount", "-t", "tmpfs", "-o", "size=1m", "pxr-diskfull", Disk);
        _mounted = true;
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        if (_mounted)
        {
            await Sh.RunAsync("umount", "-l", Disk);
        }

        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["busybox"])]
    public async Task A_renewing_client_is_acked_for_what_is_on_disk_while_the_disk_is_full_and_extended_once_it_is_not()
    {
        Process? udhcpc = null;
        try
        {
            await using (var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
                "--config", Path.Combine(_root, "pxekit.yaml"), "--root", Path.Combine(_root, "tftp"), "--lease-db", LeaseDb, "--no-capture", "--http-port", "0"))
            {
                await _net.SetClientMacAsync("52:54:00:d1:5c:01");
                udhcpc = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", _net.ClientNamespace,
                    "busybox", "udhcpc", "-i", _net.ClientInterface, "-f", "-t", "5", "-T", "1", "-A", "1", "-s", Path.Combine(_root, "udhcpc.sh")])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                udhcpc.OutputDataReceived += (_, e) => Note(e.Data);
                udhcpc.ErrorDataReceived += (_, e) => Note(e.Data);
                udhcpc.BeginOutputReadLine();
                udhcpc.BeginErrorReadLine();
                _serve = serve;
                await Eventually.HoldsAsync(() => Lines("bound").Count == 1, TimeSpan.FromSeconds(30));
                var stored = Assert.Single(LeaseAudit.LoadStore(LeaseDb));

                FillDisk();
                await RenewAsync(udhcpc, 1);
                int notExtended = Lines("renew")[0];
                output.WriteLine($"disk full: the renewal was ACKed for {notExtended} s; stored expiry {stored.Expires:HH:mm:ss}");
                Assert.InRange(notExtended, 3500, 3599);
                Assert.Equal(stored.Expires, Assert.Single(LeaseAudit.LoadStore(LeaseDb)).Expires);
                await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.LeaseStoreFailed));
                Assert.Equal(LeaseStoreFailure.DiskFull, Assert.Single(serve.Events, e => e.Step == BootStep.LeaseStoreFailed).LeaseStore);

                File.Delete(Ballast);
                await RenewAsync(udhcpc, 2);
                Assert.Equal(3600, Lines("renew")[1]);
                await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.LeaseStoreRecovered));
                // Stored in whole seconds: within the test's second or so, the extended expiry may equal the first.
                Assert.True(Assert.Single(LeaseAudit.LoadStore(LeaseDb)).Expires >= stored.Expires);
            }
        }
        catch
        {
            output.WriteLine("udhcpc: " + _udhcpc);
            output.WriteLine("script: " + (File.Exists(ScriptLog) ? File.ReadAllText(ScriptLog) : ""));
            output.WriteLine("serve: " + _serve?.Output + "\n" + _serve?.Error);
            throw;
        }
        finally
        {
            if (udhcpc is { HasExited: false })
            {
                udhcpc.Kill();
                await udhcpc.WaitForExitAsync();
            }

            udhcpc?.Dispose();
        }
    }

    private void Note(string? line)
    {
        lock (_udhcpc)
        {
            _udhcpc.AppendLine(line);
        }
    }

    /// <summary>Writes to the tmpfs until it has no room left (bounded by its size).</summary>
    private void FillDisk()
    {
        var chunk = new byte[64 * 1024];
        using var ballast = new FileStream(Ballast, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        for (int i = 0; i < 64; i++)
        {
            try
            {
                ballast.Write(chunk);
                ballast.Flush();
            }
            catch (IOException)
            {
                return;
            }
        }

        Assert.Fail("1 MiB tmpfs took 4 MiB");
    }

    /// <summary>SIGUSR1 makes udhcpc renew at once (a unicast REQUEST with ciaddr, RFC 2131 RENEWING).</summary>
    private async Task RenewAsync(Process udhcpc, int renewals)
    {
        await Sh.CheckAsync("kill", "-USR1", udhcpc.Id.ToString(CultureInfo.InvariantCulture));
        await Eventually.HoldsAsync(() => Lines("renew").Count == renewals, TimeSpan.FromSeconds(30));
    }

    /// <summary>The lease times the script saw for one kind of event (<c>bound</c>, <c>renew</c>).</summary>
    private List<int> Lines(string kind) =>
        File.Exists(ScriptLog)
            ? [.. File.ReadAllLines(ScriptLog).Select(l => ScriptLine().Match(l)).Where(m => m.Success && m.Groups[1].Value == kind).Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))]
            : [];

    [GeneratedRegex(@"^(\w+) ip=\S+ lease=(\d+)$")]
    private static partial Regex ScriptLine();
}
