using System.Net;
using System.Security.Cryptography;
using PxeKit.Server.Leases;

namespace PxeKit.Cli.Tests.Packaging;

/// <summary>
/// The Debian package as an administrator meets it: installed with dpkg into a Debian 12 tree (not this host), the
/// shipped configuration valid and the unit accepted by systemd-analyze, upgraded to a later build with the leases
/// and an edited configuration kept, then purged with nothing left: no file, directory, user or group. Builds the
/// Native AOT binary (scripts/publish-aot.sh, minutes, then cached in artifacts/aot) and the tree
/// (scripts/debian-rootfs.sh, debootstrap from Debian's archive, then cached) when they are missing.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class DebianPackageTests : IDisposable
{
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("pxekit-deb-");

    [HostFact(Programs = ["dpkg-deb", "debootstrap", "readelf", "man", "lintian"])]
    public async Task Install_upgrade_with_the_leases_kept_then_purge_leaves_nothing_behind()
    {
        var first = await PackageArtifacts.PackageAsync("0.1.0~test1", _out.FullName);
        var second = await PackageArtifacts.PackageAsync("0.1.0~test2", _out.FullName);
        // lintian: no error and no warning (the one override, zlib inside .NET's runtime, says why in the package). Its
        // temporary files go under this test's directory: lintian 2.116 leaves two mldbm-elf-* directories behind in
        // TMPDIR for a package with this binary in it, and /tmp gathered two per run of the suite.
        var lint = await Sh.RunAsync("env", ["TMPDIR=" + _out.FullName, "lintian", "--fail-on", "error,warning", first], TimeSpan.FromMinutes(5));
        Assert.True(lint.ExitCode == 0, lint.All);
        await using var debian = await DebianRoot.MountAsync(await PackageArtifacts.DebianTreeAsync());
        File.Copy(first, debian.HostPath("/tmp/first.deb"));
        File.Copy(second, debian.HostPath("/tmp/second.deb"));

        // Install: the user, its state directory, the conffile, the unit, the man page; the binary runs.
        await debian.CheckAsync("dpkg", "-i", "/tmp/first.deb");
        Assert.Equal("pxekit", (await debian.CheckAsync("id", "-un", "pxekit")).Output.Trim());
        Assert.Equal("pxekit:pxekit 750", (await debian.CheckAsync("stat", "-c", "%U:%G %a", "/var/lib/pxekit")).Output.Trim());
        Assert.Contains("/etc/pxekit/pxekit.yaml", (await debian.CheckAsync("dpkg-query", "-W", "-f", "${Conffiles}", "pxekit")).Output, StringComparison.Ordinal);
        Assert.Contains("pxekit", (await debian.CheckAsync("/usr/bin/pxekit", "--help")).Output, StringComparison.Ordinal);
        var manual = await Sh.RunAsync("man", ["-l", debian.HostPath("/usr/share/man/man1/pxekit.1.gz")]);
        Assert.True(manual.ExitCode == 0 && manual.Output.Contains("PXEKIT SERVE", StringComparison.Ordinal), manual.All);

        // The shipped configuration is what serve accepts: serve's own checks, through explain, once the boot program
        // the comments ask for is in the root (explain stands in for the interface, which this tree has none of).
        await File.WriteAllBytesAsync(debian.HostPath("/srv/tftp/pxelinux.0"), new byte[512]);
        var explained = await debian.RunAsync("pxekit", "explain", "--config", "/etc/pxekit/pxekit.yaml", "--server-address", "10.47.0.1/24", "--mac", "52:54:00:12:34:56");
        Assert.True(explained.ExitCode == 0, explained.All);
        // --man=no: the minimal tree has no man-db; the page is read on this host instead, below.
        var verify = await debian.RunAsync("systemd-analyze", "verify", "--man=no", "/lib/systemd/system/pxekit.service");
        Assert.True(verify.ExitCode == 0 && verify.All.Trim().Length == 0, $"systemd-analyze verify: {verify.All}");

        // Leases and an edited configuration, then the upgrade: both kept, and the new binary reads the leases.
        var leases = debian.HostPath("/var/lib/pxekit/leases.db");
        using (var store = new SqliteLeaseStore(leases))
        {
            await store.SaveAsync(new Lease("52:54:00:12:34:56", IPAddress.Parse("10.47.0.100"), DateTimeOffset.UtcNow.AddHours(1), "node1"));
        }

        var leasesBefore = await HashAsync(leases);
        var yaml = debian.HostPath("/etc/pxekit/pxekit.yaml");
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml)).Replace("interface: eth0", "interface: eth9", StringComparison.Ordinal));

        await debian.CheckAsync("dpkg", "-i", "/tmp/second.deb");
        Assert.Equal("0.1.0~test2", (await debian.CheckAsync("dpkg-query", "-W", "-f", "${Version}", "pxekit")).Output);
        Assert.Equal(leasesBefore, await HashAsync(leases));
        Assert.Contains("10.47.0.100", (await debian.CheckAsync("pxekit", "leases", "list", "--db", "/var/lib/pxekit/leases.db")).Output, StringComparison.Ordinal);
        Assert.Contains("interface: eth9", await File.ReadAllTextAsync(yaml), StringComparison.Ordinal);

        // Purge: nothing of the package is left, and no user or group.
        File.Delete(debian.HostPath("/srv/tftp/pxelinux.0"));
        await debian.CheckAsync("dpkg", "--purge", "pxekit");
        Assert.NotEqual(0, (await debian.RunAsync("getent", "passwd", "pxekit")).ExitCode);
        Assert.NotEqual(0, (await debian.RunAsync("getent", "group", "pxekit")).ExitCode);
        Assert.Empty(Left(debian));
    }

    public void Dispose() => _out.Delete(recursive: true);

    /// <summary>
    /// What differs after the purge from the tree as it was, beyond dpkg's and the account tools' own bookkeeping and
    /// the copied packages: a path the overlay holds that the tree had not (or had with other content), or one it
    /// removed (a whiteout). Directories the overlay merely copied up, because something below them changed, are not.
    /// </summary>
    private static List<string> Left(DebianRoot debian)
    {
        string[] bookkeeping =
        [
            "/var/lib/dpkg/", "/var/log/", "/var/cache/", "/var/lib/systemd/deb-systemd-helper-enabled",
            "/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow", "/etc/subuid", "/etc/subgid", "/etc/.pwd.lock",
            "/tmp/first.deb", "/tmp/second.deb",
            "/run/", // systemd-analyze's, which the test runs (on a booted system /run is a tmpfs)
        ];
        var left = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(debian.Changes, "*", SearchOption.AllDirectories))
        {
            var path = "/" + Path.GetRelativePath(debian.Changes, entry);
            var before = Path.Combine(debian.Lower, path.TrimStart('/'));
            bool same = Directory.Exists(entry)
                ? Directory.Exists(before)
                : File.Exists(before) && new FileInfo(entry).Length == new FileInfo(before).Length
                    && File.ReadAllBytes(entry).AsSpan().SequenceEqual(File.ReadAllBytes(before));
            if (!same && !bookkeeping.Any(b => path.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                left.Add(path);
            }
        }

        return left;
    }

    private static async Task<byte[]> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await SHA256.HashDataAsync(file);
    }
}
