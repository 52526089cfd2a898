using PxeKit.Cli.Commands;

namespace PxeKit.Cli.Tests.Import;

/// <summary><c>pxekit import dnsmasq</c>: where the YAML goes, what standard error lists, and the exit status.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-import-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Conf(params string[] lines)
    {
        var path = Path.Combine(_dir, "dnsmasq.conf");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private static (int Status, string Output, string Error) Run(string file, string? to = null, bool force = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int status = ImportCommand.Run(file, to, force, output, error);
        return (status, output.ToString(), error.ToString());
    }

    [Fact]
    public void Everything_mapped_is_status_0_with_the_yaml_on_standard_output()
    {
        var conf = Conf("interface=eth1", "enable-tftp", "tftp-root=/srv/tftp", "dhcp-range=10.0.0.10,10.0.0.20,1h", "dhcp-boot=pxelinux.0");

        var (status, output, error) = Run(conf);

        Assert.Equal(0, status);
        Assert.Contains("interface: eth1\nroot: /srv/tftp\nbootfile: pxelinux.0\ndhcp:\n  range: 10.0.0.10-10.0.0.20\n  lease-time: 1h\n", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Lines_left_are_listed_on_standard_error_with_file_and_line_and_the_status_says_so()
    {
        var conf = Conf("interface=eth1", "enable-tftp", "tftp-root=/srv/tftp", "", "dhcp-leasefile=/var/lib/misc/dnsmasq.leases", "dhcp-range=10.0.0.10,10.0.0.20");

        var (status, output, error) = Run(conf);

        Assert.Equal(ImportCommand.LinesLeft, status);
        Assert.NotEqual(ExitCodes.BadConfiguration, ImportCommand.LinesLeft);
        Assert.StartsWith($"{conf}:5: not mapped: dhcp-leasefile=/var/lib/misc/dnsmasq.leases -- PxeKit keeps its leases", error, StringComparison.Ordinal);
        Assert.Contains("range: 10.0.0.10-10.0.0.20", output, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_file_as_a_whole_lacks_is_a_note_and_not_a_line_left()
    {
        var (status, _, error) = Run(Conf("dhcp-range=10.0.0.10,10.0.0.20"));

        Assert.Equal(0, status);
        Assert.Contains("pxekit: note: no interface= in the file", error, StringComparison.Ordinal);
        Assert.Contains("pxekit: note: no enable-tftp", error, StringComparison.Ordinal);
        Assert.Contains("pxekit: note: no tftp-root: give root: DIR", error, StringComparison.Ordinal);
    }

    [Fact]
    public void To_writes_the_file_and_refuses_to_replace_one_without_force()
    {
        var conf = Conf("interface=eth1", "enable-tftp", "tftp-root=/srv/tftp");
        var to = Path.Combine(_dir, "pxekit.yaml");

        Assert.Equal(0, Run(conf, to).Status);
        Assert.Contains("interface: eth1", File.ReadAllText(to), StringComparison.Ordinal);

        File.WriteAllText(to, "mine");
        var (status, output, error) = Run(conf, to);
        Assert.Equal((ExitCodes.BadConfiguration, "", $"pxekit: {to} exists: give --force to replace it.\n"), (status, output, error.ReplaceLineEndings("\n")));
        Assert.Equal("mine", File.ReadAllText(to));

        Assert.Equal(0, Run(conf, to, force: true).Status);
        Assert.Contains("interface: eth1", File.ReadAllText(to), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_a_loop_writes_nothing_and_is_status_2()
    {
        var to = Path.Combine(_dir, "out.yaml");
        var (status, _, error) = Run(Path.Combine(_dir, "none.conf"), to);
        Assert.Equal(ExitCodes.BadConfiguration, status);
        Assert.Contains("none.conf does not exist", error, StringComparison.Ordinal);

        var loop = Conf("conf-file=dnsmasq.conf");
        (status, _, error) = Run(loop, to);
        Assert.Equal(ExitCodes.BadConfiguration, status);
        Assert.Contains("makes a loop", error, StringComparison.Ordinal);
        Assert.False(File.Exists(to));
    }

    [Fact]
    public void The_help_documents_the_exit_statuses()
    {
        var dnsmasq = ImportCommand.Create().Subcommands.Single(c => c.Name == "dnsmasq");

        Assert.Contains($"{ImportCommand.LinesLeft} the YAML was written but some lines were not mapped", dnsmasq.Description, StringComparison.Ordinal);
    }
}
