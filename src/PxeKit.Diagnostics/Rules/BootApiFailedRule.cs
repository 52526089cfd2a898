using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// The external boot API (<c>boot-api:</c>) could not say what a machine boots: it did not answer in time, could not be
/// reached, answered with an error status, or with a body that is not the reply format. The machine got its profile's
/// script instead, or nothing when no profile matches it. Certain: PxeKit's own request saw it.
/// </summary>
public sealed class BootApiFailedRule : IFaultRule
{
    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is not { Step: BootStep.BootApiFailed, BootApi: { } api })
        {
            return;
        }

        context.Say(Verdict.Of(
            FaultId.BootApiFailed,
            client.Key,
            $"The boot API did not say what {client.Key} boots: {Cause(api)}.",
            $"PxeKit asked GET {api.Url}; the machine was sent its profile's script instead, or nothing when no profile matches it.",
            Fix(api),
            bootEvent));
    }

    private static string Cause(BootApiFacts api) => api.Failure switch
    {
        BootApiFailure.Timeout => "it did not answer within boot-api-timeout",
        BootApiFailure.Unreachable => "PxeKit could not connect to it (refused, no route, or a name that does not resolve)",
        BootApiFailure.BadStatus => $"it answered HTTP {api.Status}, where 200 (boot this) or 404 (not for this API) was expected",
        BootApiFailure.TooLarge => "its answer was larger than 64 KiB",
        _ => "its answer is not the reply format (JSON with a kernel URL, initrd URLs and a command line)",
    };

    private static string Fix(BootApiFacts api) => api.Failure switch
    {
        BootApiFailure.Timeout => $"make the service answer faster (try: curl -m 5 {api.Url}), or raise boot-api-timeout",
        BootApiFailure.Unreachable => $"start the service, or correct boot-api: in PxeKit's configuration (try: curl {api.Url})",
        BootApiFailure.BadStatus => $"look at the service's own log for the request it failed (try: curl -i {api.Url})",
        _ => $"make the service answer {{\"kernel\": URL, \"initrd\": [URL, ...], \"cmdline\": \"...\"}} as docs/boot-api.md describes (try: curl {api.Url})",
    };
}
