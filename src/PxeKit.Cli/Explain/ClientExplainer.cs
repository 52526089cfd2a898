using System.Net;
using PxeKit.Core.Net;
using PxeKit.Host;
using PxeKit.Host.Management;

namespace PxeKit.Cli.Explain;

/// <summary><c>pxekit explain</c>'s engine for the management API (<c>POST /api/v1/explain</c>): the same request built, the same story told.</summary>
/// <param name="ipv6AddressOf">
/// The global or unique-local IPv6 address of an interface, the one boot URLs name over IPv6 (by default the interface's
/// own, as serve finds it).
/// </param>
internal sealed class ClientExplainer(Func<string, IPAddress?>? ipv6AddressOf = null) : IClientExplainer
{
    private readonly Func<string, IPAddress?> _ipv6AddressOf = ipv6AddressOf ?? (name => InterfaceIpv6Address.Find(name)?.Address);

    public ExplainReply? Explain(ExplainRequest request, ServeSettings settings, PxeKit.Server.Machines.MachineOverrides? machines, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Ipv6)
        {
            return ExplainIpv6(request, settings, errors);
        }

        if (ExplainClient.Build(request, errors) is not { } message)
        {
            return null;
        }

        var report = new ReplyExplainer(settings, machines).Explain(message);
        return new ExplainReply(report.Profile, report.Answered, report.Text);
    }

    private ExplainReply? ExplainIpv6(ExplainRequest request, ServeSettings settings, List<string> errors)
    {
        var solicit = ExplainSolicit.Build(request with { Arch = request.Arch ?? "uefi-x64" }, errors);
        var server = Dhcp6ReplyExplainer.ServerAddress(settings, _ipv6AddressOf, errors);
        if (solicit is null || server is null || errors.Count > 0)
        {
            return null;
        }

        var report = new Dhcp6ReplyExplainer(settings, server).Explain(solicit);
        return new ExplainReply(report.Profile, report.Answered, report.Text);
    }
}
