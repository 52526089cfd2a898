using System.Globalization;
using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Http;

namespace PxeKit.Server.Boot;

/// <summary>
/// Serves <c>/boot.ipxe?mac=M&amp;arch=N</c>: the iPXE script of the client's profile, as chosen for a request that arrived
/// on <paramref name="interfaceName"/> (the HTTP server's interface), whose address is <paramref name="server"/>; and
/// <c>&amp;profile=P</c>, the entry of its menu the client chose, journaled (<see cref="BootStep.MenuChosen"/>).
/// </summary>
public sealed class ProfileScriptSource(ProfileBootPolicy policy, string? interfaceName = null, IPAddress? server = null, IBootJournal? journal = null, TimeProvider? time = null)
    : IBootScriptSource
{
    public ValueTask<BootScript?> FindAsync(string path, IPAddress client, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Find(path, client, query));

    private BootScript? Find(string path, IPAddress client, IReadOnlyDictionary<string, string> query)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        if (path.TrimStart('/') != ProfileBootPolicy.ScriptPath || !query.TryGetValue("mac", out var mac))
        {
            return null;
        }

        ClientArchitecture? architecture = query.TryGetValue("arch", out var text)
            && ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (ClientArchitecture)number
            : null;
        var chosen = query.GetValueOrDefault("profile");
        if (policy.Script(mac, architecture, interfaceName, client, server, chosen) is not { } script)
        {
            return null;
        }

        if (chosen is not null)
        {
            journal?.Record(new BootEvent
            {
                Time = (time ?? TimeProvider.System).GetUtcNow(),
                Step = BootStep.MenuChosen,
                Mac = MacAddress.Normalize(mac),
                Address = client.ToString(),
                Server = server?.ToString(),
                Profile = chosen,
                Detail = $"menu: {chosen} chosen",
            });
        }

        return new BootScript(script, IpxeScript.ContentType);
    }
}
