using System.Globalization;
using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Http;

namespace PxeKit.Server.Boot;

/// <summary>
/// Serves <c>/boot.ipxe?mac=M&amp;arch=N</c>: the iPXE script of the client's profile, as chosen for a request that arrived
/// on <paramref name="interfaceName"/> (the HTTP server's interface), whose address is <paramref name="server"/>.
/// </summary>
public sealed class ProfileScriptSource(ProfileBootPolicy policy, string? interfaceName = null, IPAddress? server = null) : IBootScriptSource
{
    public BootScript? Find(string path, IPAddress client, IReadOnlyDictionary<string, string> query)
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
        return policy.Script(mac, architecture, interfaceName, client, server) is { } script ? new BootScript(script, IpxeScript.ContentType) : null;
    }
}
