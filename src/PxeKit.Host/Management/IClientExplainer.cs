namespace PxeKit.Host.Management;

/// <summary>
/// Explains what the served configuration answers a described client (<c>pxekit explain</c>'s engine, given by the
/// command line that owns it).
/// </summary>
public interface IClientExplainer
{
    /// <summary>
    /// The explanation, or every problem with the description (a MAC that is not one, say) in <paramref name="errors"/>;
    /// <paramref name="machines"/> are the operator's per-machine settings (reservations, boot-local), as served.
    /// </summary>
    ExplainReply? Explain(ExplainRequest request, ServeSettings settings, PxeKit.Server.Machines.MachineOverrides? machines, List<string> errors);
}
