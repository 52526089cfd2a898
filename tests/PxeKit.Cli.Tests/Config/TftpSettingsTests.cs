using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Core.Net;
using PxeKit.Server.Tftp;

namespace PxeKit.Cli.Tests.Config;

/// <summary>The <c>tftp:</c> section's limits, from the file to <see cref="TftpLimits"/> in the serve settings.</summary>
public sealed class TftpSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-tftp-settings-").FullName;

    private static InterfaceAddress? Lab0(string name) => name == "lab0"
        ? new InterfaceAddress("lab0", IPAddress.Parse("10.47.0.1"), IPAddress.Parse("255.255.255.0"), true)
        : null;

    [Fact]
    public void The_limits_set_in_the_tftp_section_reach_the_serve_settings()
    {
        var errors = new List<string>();

        var settings = Build("tftp:\n  max-transfers: 100\n  max-transfers-per-client: 4\n  transfer-lifetime: 90s\n  max-timeout: 5\n", errors);

        Assert.Empty(errors);
        Assert.Equal(new TftpLimits { MaxTransfers = 100, MaxTransfersPerClient = 4, TransferLifetime = TimeSpan.FromSeconds(90), MaxTimeout = TimeSpan.FromSeconds(5) }, settings!.TftpLimits);
    }

    [Fact]
    public void Without_a_tftp_section_the_limits_are_the_defaults()
    {
        var errors = new List<string>();

        var settings = Build("", errors);

        Assert.Empty(errors);
        Assert.Equal(new TftpLimits(), settings!.TftpLimits);
        Assert.True(settings.TftpLimits.MaxTransfersPerClient * 10 < settings.TftpLimits.MaxTransfers, "one address must hold a small part of the server");
    }

    [Fact]
    public void Every_unusable_limit_is_named_at_once()
    {
        var errors = new List<string>();

        var settings = Build("tftp:\n  max-transfers: 10\n  max-transfers-per-client: 20\n  transfer-lifetime: soon\n  max-timeout: 300s\n", errors);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("tftp.transfer-lifetime 'soon' is not a duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("TFTP max-transfers-per-client: 20 is outside 1-10", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("TFTP max-timeout:", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private PxeKit.Host.ServeSettings? Build(string tftp, List<string> errors)
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\n{tftp}");
        return new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors);
    }
}
