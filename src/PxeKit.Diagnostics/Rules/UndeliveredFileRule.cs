using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// The mechanism behind the rules about a file that did not arrive (missing, refused, stalled): they note each
/// failure of a file, forget it when a later transfer delivers that file, and decide once the evidence is complete,
/// about each file a client never got. Names boot loaders try on purpose before their real configuration are not
/// faults.
/// </summary>
public abstract class UndeliveredFileRule : IFaultRule
{
    /// <summary>A bound on the failures remembered per client.</summary>
    private const int MaxPerClient = 16;

    private sealed class Files : IRuleState
    {
        public Dictionary<Type, List<BootEvent>> Failed { get; } = [];

        public HashSet<string> Delivered { get; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            Failed.Clear();
            Delivered.Clear();
        }
    }

    /// <summary>Whether <paramref name="e"/> is a failure this rule is about.</summary>
    protected abstract bool IsFailure(BootEvent e);

    /// <summary>The verdict about a file <paramref name="client"/> never got; null to say nothing.</summary>
    protected abstract Verdict? Judge(ClientState client, BootEvent failure, RuleContext context);

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        if (EventKinds.IsDelivery(bootEvent))
        {
            client.State<Files>().Delivered.Add(EventKinds.FileName(bootEvent.File!));
        }
        else if (bootEvent.File is { } file && !BootLoaderProbe.Is(file) && IsFailure(bootEvent))
        {
            var files = client.State<Files>();
            var mine = files.Failed.TryGetValue(GetType(), out var list) ? list : files.Failed[GetType()] = [];
            if (mine.Count < MaxPerClient)
            {
                mine.Add(bootEvent);
            }
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in context.Clients)
        {
            if (client.Find<Files>() is not { } files)
            {
                continue;
            }

            var failures = files.Failed.GetValueOrDefault(GetType()) ?? [];
            foreach (var failure in failures.Where(f => !files.Delivered.Contains(EventKinds.FileName(f.File!))).DistinctBy(f => EventKinds.FileName(f.File!)))
            {
                if (Judge(client, failure, context) is { } verdict)
                {
                    context.Say(verdict, $"{client.Key} {failure.File}");
                }
            }
        }
    }
}
