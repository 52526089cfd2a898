using System.CommandLine;
using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Cli.Explain;
using PxeKit.Core.Net;
using PxeKit.Host.Management;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit explain</c>: what PxeKit would answer a client, without any client or network.</summary>
public static class ExplainCommand
{
    private static readonly Option<string> Mac = new("--mac") { Description = "The client's MAC, e.g. 52:54:00:12:34:56.", Required = true };

    private static readonly Option<string> Arch = new("--arch")
    {
        Description = "Option 93: a number or a name (bios, uefi-x64, arm64, uefi-x64-http, ...).",
        DefaultValueFactory = _ => "bios",
    };

    private static readonly Option<string> VendorClass = new("--vendor-class")
    {
        Description = "Option 60. Default: what firmware of that architecture sends (PXEClient:Arch:NNNNN:..., HTTPClient:... for HTTP Boot).",
    };

    private static readonly Option<string> UserClass = new("--user-class") { Description = "Option 77, e.g. iPXE (iPXE's own requests)." };

    private static readonly Option<string> Relay = new("--relay") { Description = "giaddr: the request came through a DHCP relay with this address." };

    private static readonly Option<string> Uuid = new("--uuid") { Description = "Option 97: the machine's UUID, as dmidecode -s system-uuid shows it." };

    private static readonly Option<string> HostName = new("--hostname") { Description = "Option 12: the host name the client sends." };

    private static readonly Option<string> CircuitId = new("--circuit-id") { Description = "Option 82's circuit id, added by the relay (--relay): text, or colon hex." };

    private static readonly Option<string> RemoteId = new("--remote-id") { Description = "Option 82's remote id, added by the relay (--relay): text, or colon hex." };

    private static readonly Option<string> ServerAddress = new("--server-address")
    {
        Description = "PxeKit's address and prefix (e.g. 10.47.0.1/24) instead of --interface: explain a configuration for another host.",
    };

    private static readonly Option<bool> Ipv6 = new("--ipv6")
    {
        Description = "Explain a DHCPv6 client: the Solicit firmware of --arch sends (default uefi-x64), answered as the dhcp6: section says.",
    };

    private static readonly Option<string> ServerAddress6 = new("--server-address6")
    {
        Description = "With --ipv6: PxeKit's IPv6 address (e.g. fd00:47::1), the one boot URLs name. Default: the interface's global or unique-local address.",
    };

    public static Command Create()
    {
        var command = new Command("explain", """
            Show which profile a client gets and the exact reply PxeKit would send it, decoded, without any client
            or network: the same configuration and options as serve, plus a description of the client.

            Example:
              pxekit explain --config pxekit.yaml --server-address 10.47.0.1/24 --mac 52:54:00:12:34:56 --arch uefi-x64
              pxekit explain --config pxekit.yaml --server-address 10.47.0.1/24 --ipv6 --server-address6 fd00:47::1 --mac 52:54:00:12:34:56
            """)
        {
            Mac, Arch, Ipv6, ServerAddress6, VendorClass, UserClass, Relay, Uuid, HostName, CircuitId, RemoteId, ServerAddress,
            ServeCommand.ConfigPathOption, ServeCommand.InterfaceOption, ServeCommand.RootOption, ServeCommand.BootFileOption,
            ServeCommand.ProxyOption, ServeCommand.HttpPortOption, ServeCommand.DhcpRangeOption,
        };
        command.SetAction(parse =>
        {
            var errors = new List<string>();
            var fake = ParseServerAddress(parse.GetValue(ServerAddress), errors);
            var described = new ExplainRequest(parse.GetValue(Mac), parse.GetValue(Arch), parse.GetValue(VendorClass), parse.GetValue(UserClass), parse.GetValue(Relay))
            {
                Uuid = parse.GetValue(Uuid),
                HostName = parse.GetValue(HostName),
                CircuitId = parse.GetValue(CircuitId),
                RemoteId = parse.GetValue(RemoteId),
            };
            if (parse.GetValue(Ipv6))
            {
                return ExplainIpv6(parse, described, fake, errors);
            }

            var client = ExplainClient.Build(described, errors);
            var arguments = ServeCommand.Arguments(parse) with { Interfaces = fake is null ? parse.GetValue(ServeCommand.InterfaceOption) ?? [] : [fake.Interface], LeaseDb = ":memory:" };
            var builder = fake is null ? new ServeSettingsBuilder() : new ServeSettingsBuilder(name => name == fake.Interface ? fake : null);
            var settings = errors.Count == 0 ? builder.Build(arguments, errors) : null;
            if (settings is null || client is null)
            {
                ServeCommand.ReportErrors(errors);
                return ExitCodes.BadConfiguration;
            }

            foreach (var warning in settings.Warnings)
            {
                Console.Error.WriteLine($"pxekit: warning: {warning}.");
            }

            var report = new ReplyExplainer(settings).Explain(client);
            Console.Write(report.Text);
            return report.Answered ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary><c>--ipv6</c>: a Solicit through serve's DHCPv6 handler; the configuration must have a <c>dhcp6:</c> section.</summary>
    private static int ExplainIpv6(ParseResult parse, ExplainRequest described, InterfaceAddress? fake, List<string> errors)
    {
        // Firmware that solicits over IPv6 is UEFI's: without --arch, uefi-x64 rather than DHCPv4's bios.
        var solicit = ExplainSolicit.Build(described with { Arch = parse.GetResult(Arch) is { Implicit: false } ? described.Arch : "uefi-x64" }, errors);
        var arguments = ServeCommand.Arguments(parse) with { Interfaces = fake is null ? parse.GetValue(ServeCommand.InterfaceOption) ?? [] : [fake.Interface], LeaseDb = ":memory:" };
        var builder = fake is null ? new ServeSettingsBuilder() : new ServeSettingsBuilder(name => name == fake.Interface ? fake : null);
        var settings = errors.Count == 0 ? builder.Build(arguments, errors) : null;
        IPAddress? given = null;
        if (parse.GetValue(ServerAddress6) is { } text
            && (!IPAddress.TryParse(text, out given) || given.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || given.IsIPv6LinkLocal))
        {
            errors.Add($"--server-address6 '{text}' is not a global or unique-local IPv6 address (like fd00:47::1)");
        }

        var server = settings is null || errors.Count > 0 ? null
            : Dhcp6ReplyExplainer.ServerAddress(settings, name => given ?? InterfaceIpv6Address.Find(name)?.Address, errors, "give --server-address6");

        if (settings is null || solicit is null || server is null || errors.Count > 0)
        {
            ServeCommand.ReportErrors(errors);
            return ExitCodes.BadConfiguration;
        }

        var report = new Dhcp6ReplyExplainer(settings, server).Explain(solicit);
        Console.Write(report.Text);
        return report.Answered ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static InterfaceAddress? ParseServerAddress(string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length == 2 && IPAddress.TryParse(parts[0], out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int prefix) && prefix is >= 8 and <= 30)
        {
            var mask = Protocol.Dhcp.Ipv4.ToAddress(uint.MaxValue << (32 - prefix));
            return new InterfaceAddress("explain", address, mask, true);
        }

        errors.Add($"--server-address '{text}' is not ADDRESS/PREFIX (like 10.47.0.1/24)");
        return null;
    }
}
