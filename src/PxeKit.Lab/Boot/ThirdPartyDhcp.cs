using PxeKit.Core.Processes;
using PxeKit.Lab.Network;

namespace PxeKit.Lab.Boot;

/// <summary>
/// Another DHCP server on the lab network, as an office or datacenter network has one: dnsmasq handing
/// out addresses only, with no boot options, in a namespace of its own joined to the lab bridge by a
/// veth pair. PxeKit then serves in proxy mode beside it. Its namespace carries the lab prefix, so
/// <c>lab down</c> removes it too.
/// </summary>
internal sealed class ThirdPartyDhcp : IAsyncDisposable
{
    private readonly ICommandRunner _runner;
    private readonly string _namespace;
    private ChildProcess? _dnsmasq;

    private ThirdPartyDhcp(ICommandRunner runner, string ns)
    {
        _runner = runner;
        _namespace = ns;
    }

    /// <summary>The address the other server has on the lab network.</summary>
    public const string Address = "10.47.0.2";

    /// <summary>The range it hands out (below PxeKit's default range, so the two never overlap).</summary>
    public const string Range = "10.47.0.50,10.47.0.90";

    public static async Task<ThirdPartyDhcp> StartAsync(LabNetwork lab, ICommandRunner runner, string work, TextWriter? explain, CancellationToken cancellationToken)
    {
        var options = lab.Options;
        var ns = options.DhcpNamespace;
        var inside = options.Prefix + "dhcp0";
        var outside = options.Prefix + "dhcp1";
        var server = new ThirdPartyDhcp(runner, ns);
        try
        {
            Command[] setup =
            [
                new("ip", "netns", "add", ns),
                new("ip", "-n", ns, "link", "set", "lo", "up"),
                new("ip", "-n", ns, "link", "add", inside, "type", "veth", "peer", "name", outside, "netns", options.Namespace),
                new("ip", "-n", ns, "addr", "add", Address + "/24", "dev", inside),
                new("ip", "-n", ns, "link", "set", inside, "up"),
                new("ip", "-n", options.Namespace, "link", "set", outside, "master", options.Bridge),
                new("ip", "-n", options.Namespace, "link", "set", outside, "up"),
            ];
            foreach (var command in setup)
            {
                (await runner.RunAsync(command, cancellationToken).ConfigureAwait(false)).ThrowIfFailed("Setting up the third-party DHCP server");
            }

            var dnsmasq = new Command("ip", "netns", "exec", ns, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0",
                $"--interface={inside}", "--bind-interfaces", $"--dhcp-range={Range},255.255.255.0,1h", "--no-ping",
                $"--dhcp-leasefile={Path.Combine(work, "dnsmasq.leases")}", $"--pid-file={Path.Combine(work, "dnsmasq.pid")}");
            if (explain is not null)
            {
                await explain.WriteLineAsync("+ " + dnsmasq.ToShell() + " &").ConfigureAwait(false);
            }

            server._dnsmasq = ChildProcess.Start(dnsmasq);
            if (!await server._dnsmasq.WaitForAsync(["started, version"], TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
            {
                throw new CommandException("The third-party DHCP server (dnsmasq) did not start: " + server._dnsmasq.Error.Trim());
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dnsmasq is not null)
        {
            await _dnsmasq.DisposeAsync().ConfigureAwait(false);
        }

        await _runner.RunAsync(new Command("ip", "netns", "del", _namespace), CancellationToken.None).ConfigureAwait(false);
    }
}
