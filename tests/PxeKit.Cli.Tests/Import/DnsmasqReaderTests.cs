using PxeKit.Cli.Import;

namespace PxeKit.Cli.Tests.Import;

public sealed class DnsmasqReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    [Fact]
    public void Conf_file_and_conf_dir_are_read_where_they_are_written_in_name_order_leaving_out_backups_and_excluded_suffixes()
    {
        Write("d/20-boot.conf", "dhcp-boot=pxelinux.0");
        Write("d/10-range.conf", "dhcp-range=10.0.0.10,10.0.0.20");
        Write("d/10-range.conf~", "dhcp-range=backup");
        Write("d/.hidden", "dhcp-range=hidden");
        Write("d/#autosave#", "dhcp-range=autosave");
        Write("d/old.bak", "dhcp-range=bak");
        Write("extra.conf", "# nothing but", "enable-tftp");
        var main = Write("main.conf", "interface=eth1", "conf-dir=d,.bak", "conf-file=extra.conf", "conf-file=/dev/null", "tftp-root=/srv");

        var errors = new List<string>();
        var lines = DnsmasqReader.Read(main, errors);

        Assert.Empty(errors);
        Assert.NotNull(lines);
        Assert.Equal(["interface", "dhcp-range", "dhcp-boot", "enable-tftp", "tftp-root"], lines.Select(l => l.Name));
        Assert.Equal((Path.Combine(_dir, "d", "10-range.conf"), 1), (lines[1].File, lines[1].Number));
        Assert.Equal((Path.Combine(_dir, "extra.conf"), 2), (lines[3].File, lines[3].Number));
        Assert.Equal((main, 5), (lines[4].File, lines[4].Number));
    }

    [Fact]
    public void Conf_dir_with_a_star_suffix_reads_only_those_files()
    {
        Write("d/a.conf", "enable-tftp");
        Write("d/b.txt", "dhcp-boot=x");
        var main = Write("main.conf", "conf-dir=d,*.conf");

        var lines = DnsmasqReader.Read(main, []);

        Assert.Equal(["enable-tftp"], lines!.Select(l => l.Name));
    }

    [Fact]
    public void A_loop_of_includes_is_an_error_naming_the_chain()
    {
        Write("a.conf", "conf-file=b.conf");
        Write("b.conf", "enable-tftp", "conf-file=a.conf");
        var errors = new List<string>();

        var lines = DnsmasqReader.Read(Path.Combine(_dir, "a.conf"), errors);

        Assert.Null(lines);
        var error = Assert.Single(errors);
        Assert.StartsWith($"{Path.Combine(_dir, "b.conf")}, line 2: conf-file", error, StringComparison.Ordinal);
        Assert.Contains($"makes a loop: {Path.Combine(_dir, "a.conf")} includes {Path.Combine(_dir, "b.conf")} includes {Path.Combine(_dir, "a.conf")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conf_dir_that_holds_its_own_file_is_a_loop()
    {
        var main = Write("d/main.conf", "conf-dir=.");
        var errors = new List<string>();

        Assert.Null(DnsmasqReader.Read(main, errors));
        Assert.Contains("makes a loop", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_directory_is_an_error_with_its_line()
    {
        var main = Write("main.conf", "enable-tftp", "conf-file=missing.conf", "conf-dir=/nonexistent-pxekit-dir");
        var errors = new List<string>();

        Assert.Null(DnsmasqReader.Read(main, errors));
        Assert.Equal(
            [$"{main}, line 2: conf-file {Path.Combine(_dir, "missing.conf")} does not exist", $"{main}, line 3: conf-dir /nonexistent-pxekit-dir does not exist"],
            errors);
        Assert.Equal([$"{Path.Combine(_dir, "none.conf")} does not exist"], Error(Path.Combine(_dir, "none.conf")));
    }

    [Fact]
    public void Includes_deeper_than_the_bound_are_an_error()
    {
        for (int i = 0; i <= DnsmasqReader.MaxDepth + 1; i++)
        {
            Write($"{i}.conf", $"conf-file={i + 1}.conf");
        }

        Write($"{DnsmasqReader.MaxDepth + 2}.conf", "enable-tftp");

        Assert.Contains($"more than {DnsmasqReader.MaxDepth} files deep", Assert.Single(Error(Path.Combine(_dir, "0.conf"))), StringComparison.Ordinal);
    }

    private static List<string> Error(string path)
    {
        var errors = new List<string>();
        DnsmasqReader.Read(path, errors);
        return errors;
    }
}
