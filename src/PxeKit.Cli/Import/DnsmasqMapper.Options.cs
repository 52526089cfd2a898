using System.Net;
using PxeKit.Cli.Config;

namespace PxeKit.Cli.Import;

public sealed partial class DnsmasqMapper
{
    private const byte Router = 3;
    private const byte DomainNameServers = 6;
    private const byte VendorClass = 60;

    /// <summary>Options PxeKit puts in its replies itself, which an empty dhcp-option (send none) cannot take away.</summary>
    private static readonly byte[] AlwaysSent = [1, 12, 43, 51, 54, 58, 59, 60, 66, 67, 97];

    /// <summary>The line that gave each section each option so far, for dnsmasq's precedence (<see cref="Claim"/>).</summary>
    private readonly Dictionary<object, Dictionary<byte, DhcpOptionDirective>> _givenBy = new(ReferenceEqualityComparer.Instance);

    private void MapOptions()
    {
        foreach (var option in _directives.OfType<DhcpOptionDirective>())
        {
            if (option.Tags.FirstOrDefault(t => t.Negated) is { Name: { } negated })
            {
                Leave(option.Line, $"tag:!{negated}: options: are given to a scope or a profile, which have no 'not'");
                continue;
            }

            var tags = option.Tags.Select(t => t.Name).ToList();
            if (!TryOptionTarget(tags, out var scopes, out var profile, out var why))
            {
                Leave(option.Line, why);
                continue;
            }

            if (option.Values.Count == 0)
            {
                if (AlwaysSent.Contains(option.Code))
                {
                    Leave(option.Line, $"PxeKit always sends option {option.Code}; it cannot be told not to");
                }

                continue; // "send no such option": PxeKit sends none it was not given
            }

            if (profile is null && !option.Force && option.Code is Router or DomainNameServers)
            {
                MapRouterOrDns(option, scopes);
            }
            else if (option.Code == VendorClass && option.Values is [{ Text: "HTTPClient" }])
            {
                // What PxeKit says to every UEFI HTTP Boot client itself: mapped by doing nothing.
            }
            else if (PxeKit.Server.Dhcp.ConfiguredOption.Reserved(option.Code) is { } reserved)
            {
                Leave(option.Line, $"PxeKit writes option {option.Code} itself and cannot be given it: {reserved}");
            }
            else if (!OptionValueConverter.TryConvert(option.Code, option.Values, option.Force, out var converted, out why))
            {
                Leave(option.Line, why);
            }
            else
            {
                object section = (object?)profile ?? (scopes.Count == 1 ? scopes[0] : TopDhcp());
                if (Claim(section, option))
                {
                    _result.SetOption(section, converted);
                }
            }
        }
    }

    /// <summary>
    /// Where an option with these tags goes: no tag (or only the served interface, or the tag of its only range) is the
    /// scope of everyone; one interface's tag is that interface's dhcp:; the exact tags of a profile are that profile.
    /// </summary>
    private bool TryOptionTarget(List<string> tags, out List<DhcpSection> scopes, out ProfileSection? profile, out string why)
    {
        scopes = [];
        profile = null;
        why = "";
        if (_tags.TryResolve(tags, out var conditions, out var reason) && conditions.All(c => c.Kind == ClientConditionKind.Interface))
        {
            var nics = conditions.SelectMany(c => c.Values).Distinct().ToList();
            if (nics.Count == 0)
            {
                scopes = Several ? [.. _interfaces.Select(DhcpOf)] : [TopDhcp()];
                return true;
            }

            if (nics.Count == 1)
            {
                scopes = [DhcpOf(nics[0])];
                return true;
            }
        }

        var match = _profiles.Where(p => p.Tags.Count == tags.Count && p.Tags.All(tags.Contains)).Select(p => p.Profile).ToList();
        if (match.Count == 1)
        {
            profile = match[0];
            return true;
        }

        why = match.Count > 1
            ? $"tags {string.Join(",", tags)} are those of several profiles; give it to one by hand"
            : $"tags {string.Join(",", tags)} single out clients no scope or profile stands for (options: go to an interface's dhcp: or to a profile with exactly these tags){(reason.Length > 0 ? "; " + reason : "")}";
        return false;
    }

    private void MapRouterOrDns(DhcpOptionDirective option, List<DhcpSection> scopes)
    {
        var addresses = option.Values.Select(v => v.Quoted ? null : IPAddress.TryParse(v.Text, out var a) && v.Text.Count(c => c == '.') == 3 ? a : null).ToList();
        if (addresses.Any(a => a is null))
        {
            Leave(option.Line, $"option {option.Code} takes IPv4 addresses");
            return;
        }

        if (addresses.Any(a => a!.Equals(IPAddress.Any)))
        {
            Leave(option.Line, "0.0.0.0 stands for dnsmasq's own address: write PxeKit's address (the interface's) instead");
            return;
        }

        if (option.Code == DomainNameServers)
        {
            // Shared by every interface unless one's own dhcp: says otherwise.
            var target = scopes.Count == 1 ? scopes[0] : TopDhcp();
            if (Claim(target, option))
            {
                target.Dns = [.. addresses.Select(a => a!.ToString())];
            }

            return;
        }

        foreach (var scope in scopes.Where(s => Claim(s, option)))
        {
            scope.Router = addresses[0]!.ToString();
        }

        if (addresses.Count > 1)
        {
            Leave(option.Line, $"PxeKit's router: is one address: {string.Join(", ", addresses.Skip(1))} left out");
        }
    }

    /// <summary>
    /// dnsmasq gives a client, of the lines for one option, one whose tags it has before any without tags, and of lines
    /// alike the last written. True when <paramref name="option"/> is the line for <paramref name="section"/> now; the line
    /// it replaces is listed.
    /// </summary>
    private bool Claim(object section, DhcpOptionDirective option)
    {
        if (!_givenBy.TryGetValue(section, out var codes))
        {
            _givenBy[section] = codes = [];
        }

        if (codes.TryGetValue(option.Code, out var earlier))
        {
            bool tagged = option.Tags.Count > 0, earlierTagged = earlier.Tags.Count > 0;
            if (earlierTagged && !tagged)
            {
                return false; // the tagged line keeps this scope; the untagged one still serves the others
            }

            if (earlierTagged == tagged)
            {
                Leave(earlier.Line, $"option {option.Code} is given again at {option.Line.File}:{option.Line.Number}, and dnsmasq uses the last one written");
            }
        }

        codes[option.Code] = option;
        return true;
    }
}
