using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Http;

namespace PxeKit.Server.BootApi;

/// <summary>
/// iPXE's script request (<c>/boot.ipxe?mac=M</c>) answered by the external boot API first: a kernel it names is booted;
/// 404 (not for this API) leaves the machine to <paramref name="fallback"/> (its profile); a failure is journaled
/// (<see cref="BootStep.BootApiFailed"/>) and the machine also gets its profile's script, or none when no profile matches.
/// Every other request (a menu's choice, a path that is not the script) goes to <paramref name="fallback"/> as it is.
/// </summary>
public sealed class BootApiScriptSource(BootApiClient api, IBootScriptSource fallback, IBootJournal journal, TimeProvider? time = null)
    : IBootScriptSource
{
    /// <summary><paramref name="profiles"/> behind the boot API when there is one (<paramref name="api"/>), else as it is.</summary>
    public static IBootScriptSource Over(BootApiClient? api, IBootScriptSource profiles, IBootJournal journal, TimeProvider? time = null) =>
        api is null ? profiles : new BootApiScriptSource(api, profiles, journal, time);

    public async ValueTask<BootScript?> FindAsync(string path, IPAddress client, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        if (path.TrimStart('/') != ProfileBootPolicy.ScriptPath || query.ContainsKey("profile") || MacAddress.Normalize(query.GetValueOrDefault("mac")) is not { } mac)
        {
            return await fallback.FindAsync(path, client, query, cancellationToken).ConfigureAwait(false);
        }

        var answer = await api.AskAsync(mac).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (answer.Kernel is { } kernel)
        {
            return new BootScript(IpxeScript.BootApi(kernel, mac), IpxeScript.ContentType);
        }

        if (answer.Failure is { } failure)
        {
            journal.Record(new BootEvent
            {
                Time = (time ?? TimeProvider.System).GetUtcNow(),
                Step = BootStep.BootApiFailed,
                Mac = mac,
                Address = client.ToString(),
                File = path,
                BootApi = failure,
                Detail = $"boot API {failure.Url}: {answer.Problem}",
            });
        }

        return await fallback.FindAsync(path, client, query, cancellationToken).ConfigureAwait(false);
    }
}
