using System.Net;

namespace PxeKit.Server.Files;

/// <summary>Who the client of a file request is, as a template sees it (the boot policy implements it).</summary>
public interface ITemplateVariables
{
    /// <summary>
    /// The variables of the client at <paramref name="client"/> that asked <paramref name="server"/> (null when not known):
    /// each name's value, or null when it has none for this client.
    /// </summary>
    Func<string, string?> For(IPAddress client, IPAddress? server);
}
