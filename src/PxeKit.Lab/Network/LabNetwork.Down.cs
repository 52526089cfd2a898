using System.Diagnostics;
using PxeKit.Core.Processes;

namespace PxeKit.Lab.Network;

public sealed partial class LabNetwork
{
    private static readonly TimeSpan ProcessExitWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Removes the lab and whatever a crashed run left: processes still running inside the namespaces a lab run makes
    /// (<see cref="LabNetworkOptions.OwnNamespaces"/>, ended by PID), those namespaces (which removes their interfaces) and
    /// host interfaces named <c>PREFIX*</c>. Idempotent: with nothing to remove it removes nothing and succeeds.
    /// </summary>
    /// <returns>One line per thing removed, for the user.</returns>
    public async Task<IReadOnlyList<string>> DownAsync(CancellationToken cancellationToken = default)
    {
        if (_runner.DryRun)
        {
            await _runner.RunAsync(DeleteNamespace(Options.Namespace), cancellationToken).ConfigureAwait(false);
            return [];
        }

        var removed = new List<string>();
        foreach (var ns in await ListNamespacesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var pid in await NamespacePidsAsync(ns, cancellationToken).ConfigureAwait(false))
            {
                if (EndProcess(pid) is { } ended)
                {
                    removed.Add($"ended process {pid} ({ended}) in namespace {ns}");
                }
            }

            var result = await _runner.RunAsync(DeleteNamespace(ns), cancellationToken).ConfigureAwait(false);
            result.ThrowIfFailed($"Removing namespace {ns}");
            removed.Add($"removed namespace {ns}");
        }

        foreach (var link in await HostLinksAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await _runner.RunAsync(new Command(Ip, "link", "del", link), cancellationToken).ConfigureAwait(false);
            result.ThrowIfFailed($"Removing host interface {link}");
            removed.Add($"removed host interface {link}");
        }

        return removed;
    }

    private static string? EndProcess(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            var name = process.ProcessName;
            process.Kill(entireProcessTree: true);
            process.WaitForExit(ProcessExitWait);
            return name;
        }
        catch (ArgumentException)
        {
            return null; // it ended by itself meanwhile
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
