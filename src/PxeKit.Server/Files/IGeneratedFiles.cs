using System.Net;

namespace PxeKit.Server.Files;

/// <summary>
/// Files the server makes in memory for the client that asks, never on disk (GRUB's configuration for <c>chain: shim</c>):
/// asked by TFTP before the path jail, since the name need not exist under the root.
/// </summary>
public interface IGeneratedFiles
{
    /// <summary>
    /// The content of <paramref name="path"/> (as the client asked for it) for the client at <paramref name="client"/>, which
    /// asked <paramref name="server"/>; null when the server does not make that file, and the root is asked instead.
    /// </summary>
    byte[]? Find(string path, IPAddress client, IPAddress? server);
}
