using PxeKit.Cli.Config;

namespace PxeKit.Cli.Import;

public sealed partial class DnsmasqMapper
{
    /// <summary>
    /// The profiles written, with the tags each was for (so a tagged dhcp-option can find its profile), and whether it
    /// stands for those tags alone (a pxe-service profile matches an architecture too).
    /// </summary>
    private readonly List<(ProfileSection Profile, IReadOnlyList<string> Tags, bool TagsAlone)> _profiles = [];

    /// <summary>The dhcp-boot without tags that counts: the last one written.</summary>
    private DhcpBootDirective? _untaggedBoot;

    private void MapProfiles()
    {
        // The pxe-service entries first, in file order (a menu's first entry is what boots at once); then the dhcp-boots
        // with tags, the last written first: dnsmasq prepends each to its list and takes the first that matches. Those with
        // only tag:!X are tried with the untagged ones, after every other; the last written of those wins, so one
        // written before the last untagged dhcp-boot is never used.
        var boots = BootEntries().ToList();
        boots.Reverse();
        int untagged = _untaggedBoot is { } last ? Position(last.Line) : -1;
        var onlyNegated = boots.Where(b => b.Positive.Count == 0).ToList();
        foreach (var unused in onlyNegated.Where(b => Position(b.Line) < untagged))
        {
            Leave(unused.Line, $"never used: dnsmasq takes the dhcp-boot without tags written after it ({_untaggedBoot!.Line.File}:{_untaggedBoot.Line.Number}) first");
        }

        var ordered = OrderForNegations([.. boots.Where(b => b.Positive.Count > 0)])
            .Concat(onlyNegated.Where(b => Position(b.Line) > untagged));
        var entries = PxeServiceEntries().Concat(ordered).ToList();
        foreach (var prompt in _directives.OfType<PxePromptDirective>().Where(p => p.Timeout != 0))
        {
            Leave(prompt.Line, "PxeKit shows no PXE menu: the first entry for the client's architecture boots at once, as with a timeout of 0");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var missing = entry.Negated.FirstOrDefault(x => !_profiles.Any(p => p.TagsAlone && p.Tags is [var only] && only == x));
            if (missing is not null)
            {
                Leave(entry.Line, $"tag:!{missing}: a profile's match has no 'not', and no profile for tag {missing} alone comes first to take those clients");
                continue;
            }

            if (!_tags.TryResolve(entry.Positive, out var conditions, out var why)
                || (entry.Extra is { } extra && !TagMeanings.TryJoin(conditions, extra, out why)))
            {
                Leave(entry.Line, why);
                continue;
            }

            var name = entry.Name;
            for (int n = 2; !names.Add(name); n++)
            {
                name = $"{entry.Name}-{n}";
            }

            var profile = new ProfileSection { Name = name, Match = Match(conditions) };
            if (entry.Local)
            {
                profile.Local = true;
            }
            else
            {
                profile.Boot = entry.File;
            }

            (Config.Profiles ??= []).Add(profile);
            _profiles.Add((profile, entry.Positive, entry.Extra is null));
        }
    }

    /// <summary>
    /// A profile's match has no "not": tag:!X holds when the profile for X alone comes first and takes those clients. The
    /// profile for X is moved up before an entry that says tag:!X when every entry it passes says tag:!X too: none of
    /// those could take a client with X, so what every other client gets is unchanged.
    /// </summary>
    private static List<BootEntry> OrderForNegations(List<BootEntry> boots)
    {
        var order = new List<BootEntry>(boots);
        for (int i = 0; i < order.Count; i++)
        {
            foreach (var x in order[i].Negated)
            {
                int at = order.FindIndex(i + 1, e => e.Negated.Count == 0 && e.Positive is [var only] && only == x);
                if (at > i && order.Skip(i).Take(at - i).All(e => e.Negated.Contains(x)))
                {
                    var profile = order[at];
                    order.RemoveAt(at);
                    order.Insert(i, profile);
                    break;
                }
            }
        }

        return order;
    }

    private IEnumerable<BootEntry> PxeServiceEntries()
    {
        var first = new Dictionary<string, PxeServiceDirective>(StringComparer.Ordinal);
        foreach (var service in _directives.OfType<PxeServiceDirective>())
        {
            var key = $"{service.Architecture} {string.Join(",", service.Tags)}";
            if (first.TryGetValue(key, out var earlier))
            {
                Leave(service.Line, $"PxeKit shows no PXE menu: the first entry for {service.Csa} (line {earlier.Line.Number}) is what boots");
                continue;
            }

            first[key] = service;
            if (service.ServiceType is not (null or 0))
            {
                Leave(service.Line, $"boot service type {service.ServiceType}: PxeKit serves a file, it does not send clients to look for other boot servers");
                continue;
            }

            if (service.Server is not null)
            {
                Leave(service.Line, $"the boot server {service.Server}: PxeKit serves {service.BootFile} from its own root (copy it there)");
            }

            var tags = service.Tags.Where(t => !t.Negated).Select(t => t.Name).ToList();
            var arch = new ClientCondition(ClientConditionKind.Arch, service.Architecture.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var name = string.Join("-", new[] { "pxe", service.Csa.ToLowerInvariant() }.Concat(tags));
            yield return new BootEntry(service.Line, name, tags, [.. service.Tags.Where(t => t.Negated).Select(t => t.Name)], arch, service.BootFile, service.BootFile is null);
        }
    }

    private IEnumerable<BootEntry> BootEntries()
    {
        foreach (var boot in _directives.OfType<DhcpBootDirective>())
        {
            if (boot.ServerAddress is not null)
            {
                Leave(boot.Line, $"the boot server {boot.ServerAddress}: PxeKit serves {boot.File} from its own root (copy it there)");
            }
            else if (boot.ServerName is not null)
            {
                Leave(boot.Line, $"the server name {boot.ServerName} (sname): PxeKit sends its own address");
            }

            if (boot.Tags.Count == 0)
            {
                // dnsmasq takes the last one written (see MapProfiles).
                if (_untaggedBoot is { } earlier)
                {
                    Leave(earlier.Line, $"an earlier dhcp-boot without tags: dnsmasq uses the last one, {boot.File} (line {boot.Line.Number})");
                }

                _untaggedBoot = boot;
                Config.Bootfile = boot.File;
                continue;
            }

            var positive = boot.Tags.Where(t => !t.Negated).Select(t => t.Name).ToList();
            var name = positive.Count > 0 ? string.Join("-", positive) : "boot";
            yield return new BootEntry(boot.Line, name, positive, [.. boot.Tags.Where(t => t.Negated).Select(t => t.Name)], null, boot.File, false);
        }
    }

    /// <summary>A profile's match: every condition, each with its kind's key; null when the profile takes everyone.</summary>
    private static MatchSection? Match(List<ClientCondition> conditions)
    {
        if (conditions.Count == 0)
        {
            return null;
        }

        var match = new MatchSection();
        foreach (var condition in conditions)
        {
            switch (condition.Kind)
            {
                case ClientConditionKind.Arch: match.Arch = [.. condition.Values]; break;
                case ClientConditionKind.VendorClass: match.VendorClass = condition.Values[0]; break;
                case ClientConditionKind.UserClass: match.UserClass = condition.Values[0]; break;
                case ClientConditionKind.Interface: match.Interface = [.. condition.Values]; break;
                case ClientConditionKind.Group: match.Group = [.. condition.Values]; break;
            }
        }

        return match;
    }
}
