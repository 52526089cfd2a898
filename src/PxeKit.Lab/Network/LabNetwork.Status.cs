using System.Globalization;
using System.Text.Json;
using PxeKit.Core.Processes;

namespace PxeKit.Lab.Network;

public sealed partial class LabNetwork
{
    /// <summary>What of the lab exists: prefixed namespaces, the lab's interfaces and processes.</summary>
    public async Task<LabNetworkStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var namespaces = await ListNamespacesAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LabLink> links = [];
        IReadOnlyList<int> pids = [];
        if (namespaces.Contains(Options.Namespace, StringComparer.Ordinal))
        {
            var result = await _runner.RunAsync(new Command(Ip, "-j", "-n", Options.Namespace, "addr", "show"), cancellationToken).ConfigureAwait(false);
            links = ParseLinks(result.ThrowIfFailed("Reading the lab's interfaces").StandardOutput);
            pids = await NamespacePidsAsync(Options.Namespace, cancellationToken).ConfigureAwait(false);
        }

        return new LabNetworkStatus { Options = Options, Namespaces = namespaces, Links = links, ProcessIds = pids };
    }

    /// <summary>Parses <c>ip -j addr show</c> (or <c>ip -j link show</c>) output.</summary>
    internal static IReadOnlyList<LabLink> ParseLinks(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var links = new List<LabLink>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var name = item.GetProperty("ifname").GetString() ?? "";
            var isUp = item.TryGetProperty("flags", out var flags) && flags.EnumerateArray().Any(f => f.GetString() == "UP");
            var master = item.TryGetProperty("master", out var m) ? m.GetString() : null;
            var addresses = new List<string>();
            if (item.TryGetProperty("addr_info", out var infos))
            {
                foreach (var info in infos.EnumerateArray())
                {
                    addresses.Add($"{info.GetProperty("local").GetString()}/{info.GetProperty("prefixlen").GetInt32()}");
                }
            }

            links.Add(new LabLink(name, isUp, master, addresses));
        }

        return links;
    }

    /// <summary>Which of the namespaces a lab run makes (<see cref="LabNetworkOptions.OwnNamespaces"/>) exist.</summary>
    private async Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(new Command(Ip, "netns", "list"), cancellationToken).ConfigureAwait(false);
        return
        [
            .. result.ThrowIfFailed("Listing network namespaces").StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ')[0])
                .Where(name => Options.OwnNamespaces.Contains(name, StringComparer.Ordinal)),
        ];
    }

    private async Task<IReadOnlyList<int>> NamespacePidsAsync(string ns, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(new Command(Ip, "netns", "pids", ns), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return []; // the namespace went away meanwhile
        }

        return
        [
            .. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.Parse(p, CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>Host interfaces named with the lab prefix (only a crashed or foreign run makes these).</summary>
    private async Task<IReadOnlyList<string>> HostLinksAsync(CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(new Command(Ip, "-j", "link", "show"), cancellationToken).ConfigureAwait(false);
        return
        [
            .. ParseLinks(result.ThrowIfFailed("Listing host interfaces").StandardOutput)
                .Select(l => l.Name)
                .Where(n => n.StartsWith(Options.Prefix, StringComparison.Ordinal)),
        ];
    }
}
