namespace PxeKit.Lab.Network;

/// <summary>What of a lab network exists right now.</summary>
public sealed record LabNetworkStatus
{
    public required LabNetworkOptions Options { get; init; }

    /// <summary>Which of the namespaces a lab run makes exist (<see cref="LabNetworkOptions.OwnNamespaces"/>).</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary>Interfaces inside the lab namespace (empty when it does not exist).</summary>
    public required IReadOnlyList<LabLink> Links { get; init; }

    /// <summary>Processes running inside the lab namespace (a server, a VM, or a crashed run's leftovers).</summary>
    public required IReadOnlyList<int> ProcessIds { get; init; }

    public bool NamespaceExists => Namespaces.Contains(Options.Namespace, StringComparer.Ordinal);

    /// <summary>The lab's namespaces other than its main one (the other DHCP server's): what a crashed run left.</summary>
    public IReadOnlyList<string> Leftovers => [.. Namespaces.Where(n => n != Options.Namespace)];

    /// <summary>True when the bridge is up with its address and the tap is up on the bridge.</summary>
    public bool IsUp
    {
        get
        {
            var bridge = Find(Options.Bridge);
            var tap = Find(Options.Tap);
            return bridge is { IsUp: true } && bridge.Addresses.Contains(Options.BridgeCidr)
                && tap is { IsUp: true } && tap.Master == Options.Bridge;
        }
    }

    public LabLink? Find(string name) => Links.FirstOrDefault(l => l.Name == name);

    /// <summary>A few human lines, for <c>pxekit lab status</c>.</summary>
    public IEnumerable<string> Describe()
    {
        if (!NamespaceExists)
        {
            yield return $"namespace {Options.Namespace}: absent (lab is down)";
        }
        else
        {
            yield return $"namespace {Options.Namespace}: {(IsUp ? "up" : "incomplete")}";
            foreach (var link in Links)
            {
                var master = link.Master is null ? "" : $" on {link.Master}";
                var addresses = link.Addresses.Count == 0 ? "" : " " + string.Join(' ', link.Addresses);
                yield return $"  {link.Name}: {(link.IsUp ? "up" : "down")}{master}{addresses}";
            }

            if (ProcessIds.Count > 0)
            {
                yield return $"  processes: {string.Join(' ', ProcessIds)}";
            }
        }

        foreach (var leftover in Leftovers)
        {
            yield return $"leftover namespace {leftover} (lab down removes it)";
        }
    }
}
