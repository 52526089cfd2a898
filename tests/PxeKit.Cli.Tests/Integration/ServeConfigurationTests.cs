namespace PxeKit.Cli.Tests.Integration;

/// <summary>What <c>pxekit serve</c> says about a configuration it cannot run.</summary>
public sealed class ServeConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-config-").FullName;

    private static Task<Sh.Result> ServeAsync(params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "serve", .. arguments], TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_bad_configuration_file_lists_every_mistake_and_exits_2()
    {
        var config = Path.Combine(_dir, "pxekit.yaml");
        await File.WriteAllTextAsync(config, """
            interface: lo
            root: /nonexistent/boot
            dhcp:
              range: 127.0.0.200-127.0.0.100
              lease-time: forever
              router: not-an-address
              reservations:
                - mac: 52:54:00:zz:00:01
                  address: 127.0.0.10
                - mac: 52:54:00:00:00:02
            """);

        var result = await ServeAsync("--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the configuration has 6 mistakes", result.Error, StringComparison.Ordinal);
        Assert.Contains("the root directory /nonexistent/boot does not exist", result.Error, StringComparison.Ordinal);
        Assert.Contains("ends before it starts", result.Error, StringComparison.Ordinal);
        Assert.Contains("dhcp.lease-time 'forever'", result.Error, StringComparison.Ordinal);
        Assert.Contains("dhcp.router: 'not-an-address'", result.Error, StringComparison.Ordinal);
        Assert.Contains("dhcp.reservations[1]: '52:54:00:zz:00:01' is not a MAC", result.Error, StringComparison.Ordinal);
        Assert.Contains("dhcp.reservations[2]: no address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_named_with_its_line()
    {
        var config = Path.Combine(_dir, "pxekit.yaml");
        await File.WriteAllTextAsync(config, "interface: lo\nroot: /tmp\ndhcp:\n  rnage: 1.2.3.4-1.2.3.5\n");
        var result = await ServeAsync("--config", config);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 4", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown key 'rnage'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_interface_is_one_sentence()
    {
        var result = await ServeAsync("--interface", "nosuchnic0", "--root", _dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("pxekit: the interface nosuchnic0 does not exist (ip -br link lists the interfaces).", result.Error.Trim());
    }

    [Fact]
    public async Task A_missing_root_is_one_sentence()
    {
        var result = await ServeAsync("--interface", "lo", "--root", "/nonexistent/boot", "--no-dhcp");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("pxekit: the root directory /nonexistent/boot does not exist.", result.Error.Trim());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
