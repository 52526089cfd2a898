using System.Net;
using PxeKit.Core.Events;
using PxeKit.Core.Net;

namespace PxeKit.Host;

/// <summary>
/// The listeners follow their interface: a socket bound to a device that was deleted hears nothing from the device created
/// again under its name, and one bound to an address that changed answers for the old one. So the host watches each
/// interface (<see cref="InterfaceWatch"/>) and binds its listeners anew when its index or address changes; while it
/// is gone, the host closes them and waits, and says so once. The other interfaces, the leases, the boot policy and
/// the journal stay.
/// </summary>
public sealed partial class ServerHost
{
    private async Task FollowInterfaceAsync(InterfaceWatch watch, ServingState shared, CancellationToken cancellationToken)
    {
        var name = watch.Name;
        var link = watch.Current();
        while (true)
        {
            if (link?.Address is null)
            {
                shared.Journal.Record(Gone(name, link));
                while (link?.Address is null)
                {
                    link = await AliveUntilAsync(watch.ChangedAsync(link, cancellationToken), cancellationToken).ConfigureAwait(false);
                }

                shared.Journal.Record(Back(name, link));
            }

            // Read anew for each binding: a reload may have changed them since.
            var served = Current;
            var nic = served.Interfaces.First(i => i.Name == name);
            if (!link.Address.Equals(nic.Address))
            {
                shared.Journal.Record(AddressChanged(name, nic.Address, link));
                (served, nic) = Readdress(name, link.Address);
            }

            var now = await ServeWhileAsync(watch, link, served, nic, shared, cancellationToken).ConfigureAwait(false);
            if (now is { Address: not null } && now.Index != link.Index)
            {
                // Deleted and created again between two looks: gone and back at once.
                shared.Journal.Record(Back(name, now));
            }

            link = now;
        }
    }

    /// <summary>Serves on the interface as <paramref name="link"/> has it until that changes; returns how it is then.</summary>
    private async Task<InterfaceLink?> ServeWhileAsync(InterfaceWatch watch, InterfaceLink link, ServeSettings served, ServedInterface nic, ServingState shared, CancellationToken cancellationToken)
    {
        using var generation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = ServeAsync(served, nic, shared, generation.Token);
        var changed = watch.ChangedAsync(link, generation.Token);
        await Task.WhenAny(serving, changed).ConfigureAwait(false);
        await generation.CancelAsync().ConfigureAwait(false);
        try
        {
            await serving.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped for the change.
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested && watch.Current() != link)
        {
            // A listener failed, or could not bind, because the interface changed under it (its device was deleted, its
            // address removed): the change is what happened, and the listeners are bound anew.
        }

        cancellationToken.ThrowIfCancellationRequested();
        return changed.IsCompletedSuccessfully ? changed.Result : watch.Current();
    }

    /// <summary>
    /// The settings with the new address of the interface <paramref name="name"/>: its own, and that of each of its scopes
    /// (its subnet's and the ones relayed to it) that had the old one.
    /// </summary>
    private static ServeSettings Readdressed(ServeSettings served, string name, IPAddress address)
    {
        var old = served.Interfaces.First(i => i.Name == name).Address;
        return served with
        {
            Interfaces = [.. served.Interfaces.Select(i => i.Name == name ? i with { Address = address } : i)],
            Scopes = [.. served.Scopes.Select(s => s.Interface == name && s.ServerAddress.Equals(old) ? s with { ServerAddress = address } : s)],
        };
    }

    private BootEvent Gone(string name, InterfaceLink? link) => new()
    {
        Time = _time.GetUtcNow(),
        Step = BootStep.InterfaceGone,
        Interface = new InterfaceFacts { Name = name, Exists = link is not null, Index = link?.Index },
        Detail = link is null
            ? $"{name} is gone: listeners closed, waiting for it to come back"
            : $"{name} has no IPv4 address: listeners closed, waiting for one",
    };

    private BootEvent Back(string name, InterfaceLink link) => new()
    {
        Time = _time.GetUtcNow(),
        Step = BootStep.InterfaceBack,
        Server = link.Address?.ToString(),
        Interface = new InterfaceFacts { Name = name, Exists = true, Index = link.Index, Ipv4 = [$"{link.Address}"] },
        Detail = $"{name} is back (index {link.Index}, {link.Address}): listening on it again",
    };

    private BootEvent AddressChanged(string name, IPAddress previous, InterfaceLink link) => new()
    {
        Time = _time.GetUtcNow(),
        Step = BootStep.InterfaceAddressChanged,
        Server = link.Address?.ToString(),
        Interface = new InterfaceFacts { Name = name, Exists = true, Index = link.Index, Ipv4 = [$"{link.Address}"], PreviousAddress = previous.ToString() },
        Detail = $"{name} changed its address from {previous} to {link.Address}: serving on the new one",
    };
}
