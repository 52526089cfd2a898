using PxeKit.Host;
using PxeKit.Host.Management;

namespace PxeKit.Cli.Explain;

/// <summary><c>pxekit explain</c>'s engine for the management API (<c>POST /api/v1/explain</c>): the same request built, the same story told.</summary>
internal sealed class ClientExplainer : IClientExplainer
{
    public ExplainReply? Explain(ExplainRequest request, ServeSettings settings, PxeKit.Server.Machines.MachineOverrides? machines, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        if (ExplainClient.Build(request, errors) is not { } message)
        {
            return null;
        }

        var report = new ReplyExplainer(settings, machines).Explain(message);
        return new ExplainReply(report.Profile, report.Answered, report.Text);
    }
}
