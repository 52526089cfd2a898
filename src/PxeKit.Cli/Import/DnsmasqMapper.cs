using PxeKit.Cli.Config;

namespace PxeKit.Cli.Import;

/// <summary>
/// Maps parsed dnsmasq settings onto PxeKit's configuration sections. Everything it cannot say in PxeKit's terms, or
/// says only in part, is listed in <see cref="ImportedConfig.Unmapped"/> with the reason; nothing is dropped silently.
/// </summary>
public sealed partial class DnsmasqMapper
{
    private readonly ImportedConfig _result = new();
    private readonly List<string> _interfaces = [];
    private readonly Dictionary<string, InterfaceSection> _sections = new(StringComparer.Ordinal);
    private readonly TagMeanings _tags;
    private readonly IReadOnlyList<DnsmasqDirective> _directives;

    /// <summary>Where each line comes in the configuration, includes followed: what "written after" means.</summary>
    private readonly Dictionary<DnsmasqLine, int> _positions = [];

    private DnsmasqMapper(IReadOnlyList<DnsmasqDirective> directives)
    {
        _directives = directives;
        for (int i = 0; i < directives.Count; i++)
        {
            _positions.TryAdd(directives[i].Line, i);
        }

        foreach (var name in directives.OfType<InterfaceDirective>().SelectMany(d => d.Names))
        {
            if (!_interfaces.Contains(name, StringComparer.Ordinal))
            {
                _interfaces.Add(name);
            }
        }

        _tags = new TagMeanings(_interfaces);
    }

    private PxeKitConfig Config => _result.Config;

    /// <summary>True when several interfaces are served: each has its own dhcp: then.</summary>
    private bool Several => _interfaces.Count > 1;

    public static ImportedConfig Map(IReadOnlyList<DnsmasqDirective> directives)
    {
        ArgumentNullException.ThrowIfNull(directives);
        var mapper = new DnsmasqMapper(directives);
        mapper.Run();
        return mapper._result;
    }

    private void Run()
    {
        // A tag set by a line left unmapped is unknown: what needs it cannot be mapped either.
        foreach (var left in _directives.OfType<NotMappedDirective>())
        {
            foreach (var field in left.Line.Fields.Where(f => !f.Quoted && f.Text.Length > 4 && (f.Text.StartsWith("set:", StringComparison.Ordinal) || f.Text.StartsWith("net:", StringComparison.Ordinal))))
            {
                _tags.Unknown(field.Text[4..], $"the {left.Line.Name} of line {left.Line.Number}");
            }
        }

        MapInterfaces();
        MapSettings();
        MapTftp();
        MapRanges();
        MapHosts();
        foreach (var rule in _directives.OfType<TagRuleDirective>())
        {
            _tags.Add(rule.SetTag, rule.Condition);
        }

        foreach (var rule in _directives.OfType<TagIfDirective>())
        {
            foreach (var tag in rule.SetTags)
            {
                _tags.AddIf(tag, rule.Required);
            }
        }

        MapProfiles();
        MapOptions();
        _result.Unmapped.AddRange(_directives.OfType<NotMappedDirective>());
        var sorted = _result.Unmapped.OrderBy(u => Position(u.Line)).ToList();
        _result.Unmapped.Clear();
        _result.Unmapped.AddRange(sorted);
    }

    private int Position(DnsmasqLine line) => _positions.GetValueOrDefault(line);

    private void Leave(DnsmasqLine line, string why) => _result.Unmapped.Add(new NotMappedDirective(line, why));

    private void MapInterfaces()
    {
        if (_interfaces.Count == 0)
        {
            _result.Notes.Add("no interface= in the file: dnsmasq then serves every interface, PxeKit serves only those named: give interface: IF");
        }
        else if (!Several)
        {
            Config.Interface = _interfaces[0];
        }
        else
        {
            Config.Interfaces = [];
            foreach (var name in _interfaces)
            {
                var section = new InterfaceSection { Name = name };
                _sections[name] = section;
                Config.Interfaces.Add(section);
            }
        }
    }

    private void MapSettings()
    {
        foreach (var setting in _directives.OfType<SettingDirective>())
        {
            switch (setting.Setting)
            {
                case DnsmasqSetting.Authoritative:
                    TopDhcp().Authoritative = true;
                    break;
                case DnsmasqSetting.NoPing:
                    TopDhcp().Probe = false;
                    break;
                case DnsmasqSetting.TftpMax:
                    (Config.Tftp ??= new TftpSection()).MaxTransfers = setting.Number;
                    break;
            }
        }
    }

    private void MapTftp()
    {
        var enables = _directives.OfType<EnableTftpDirective>().ToList();
        if (enables.Count == 0)
        {
            _result.Notes.Add("no enable-tftp: dnsmasq served no TFTP, PxeKit serves TFTP (and HTTP) on every interface it serves");
        }

        foreach (var enable in enables.Where(e => e.Interfaces.Count > 0 && _interfaces.Any(i => !e.Interfaces.Contains(i))))
        {
            Leave(enable.Line, "TFTP on some interfaces only: PxeKit serves TFTP on every interface it serves");
        }

        var roots = _directives.OfType<TftpRootDirective>().ToList();
        foreach (var root in roots)
        {
            if (Config.Root is not null)
            {
                Leave(root.Line, $"a second TFTP root: PxeKit serves one root ({Config.Root}) on every interface");
            }
            else
            {
                Config.Root = root.Path;
                if (root.Interface is not null && (Several || !_interfaces.Contains(root.Interface)))
                {
                    Leave(root.Line, $"a root for {root.Interface} only: PxeKit serves one root on every interface, {root.Path} here");
                }
            }
        }

        if (Config.Root is null)
        {
            _result.Notes.Add("no tftp-root: give root: DIR, the directory PxeKit serves");
        }
    }

    private DhcpSection TopDhcp() => Config.Dhcp ??= new DhcpSection();

    /// <summary>The dhcp: of one interface (several served), or the top-level one.</summary>
    private DhcpSection DhcpOf(string? nic) => nic is null || !Several ? TopDhcp() : _sections[nic].Dhcp ??= new DhcpSection();
}
