using System.Net;
using System.Text;
using PxeKit.Server.Files;

namespace PxeKit.Server.Boot;

/// <summary>
/// Serves the GRUB configuration of the profiles with <c>chain: shim</c> (<see cref="GrubConfig"/>), made from the running
/// profiles at each request: <c>grub/grub.cfg-01-MAC</c> for the machine GRUB names, <c>grub/grub.cfg</c> by GRUB's CPU
/// for any other. Names for which no profile has <c>chain: shim</c> are left to the root, so a grub.cfg of the user's own
/// is served as before.
/// </summary>
/// <param name="policy">The boot policy, which chooses the profile and renders its command line.</param>
/// <param name="interfaceName">The interface TFTP serves, for profiles of one interface.</param>
public sealed class GrubConfigFiles(ProfileBootPolicy policy, string? interfaceName = null) : IGeneratedFiles
{
    public byte[]? Find(string path, IPAddress client, IPAddress? server)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(client);
        var mac = GrubConfig.MacOf(path, out var generic);
        var text = mac is not null ? policy.GrubConfigFor(mac, interfaceName, client, server)
            : generic ? policy.GrubConfigForAny(client, server)
            : null;
        return text is null ? null : Encoding.UTF8.GetBytes(text);
    }
}
