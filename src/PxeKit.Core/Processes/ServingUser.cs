using PxeKit.Core.Interop;

namespace PxeKit.Core.Processes;

/// <summary>
/// Which user <c>pxekit serve</c> runs as once started as root, and the capabilities it keeps: those of the features
/// that need them, and nothing else (docs/security.md says which feature needs which).
/// </summary>
public static class ServingUser
{
    /// <summary>The environment variable the server sets for its own image once it has left root; its value is the user.</summary>
    public const string Marker = "PXEKIT_SERVING_AS";

    /// <summary>The user asked for when none is named: a system user made for PxeKit, if the host has one.</summary>
    public const string Preferred = "pxekit";

    /// <summary>The user taken when the host has no <see cref="Preferred"/> one.</summary>
    public const string Fallback = "nobody";

    /// <summary>Ports below 1024; the capture and SO_BINDTODEVICE; the firewall's rules and large receive buffers.</summary>
    public static IReadOnlyList<Capability> Capabilities { get; } = [Capability.NetBindService, Capability.NetRaw, Capability.NetAdmin];

    /// <summary>
    /// The user named <paramref name="name"/>, or (null) <see cref="Preferred"/> if it exists, else <see cref="Fallback"/>;
    /// null with a sentence when there is no such user.
    /// </summary>
    public static UnixUser? Resolve(string? name, out string? error)
    {
        error = null;
        if (name is not null)
        {
            var named = Privileges.LookUp(name);
            if (named is null)
            {
                error = $"there is no user '{name}' on this host (--user)";
            }

            return named;
        }

        var found = Privileges.LookUp(Preferred) ?? Privileges.LookUp(Fallback);
        if (found is null)
        {
            error = $"this host has neither a '{Preferred}' nor a '{Fallback}' user to serve as; name one with --user (or --user root)";
        }

        return found;
    }

    /// <summary>For people: <c>CAP_NET_BIND_SERVICE, CAP_NET_RAW and CAP_NET_ADMIN</c>.</summary>
    public static string DescribeCapabilities()
    {
        var names = Capabilities.Select(Privileges.Describe).ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }
}
