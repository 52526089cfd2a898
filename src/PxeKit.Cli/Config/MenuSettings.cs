using PxeKit.Server.Boot;

namespace PxeKit.Cli.Config;

/// <summary>A profile's <c>menu:</c>, checked: its own keys, then that its items are profiles a menu can boot.</summary>
internal static class MenuSettings
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static BootMenu Build(MenuSection section, string where, List<string> errors)
    {
        var items = section.Items ?? [];
        if (items.Count == 0)
        {
            errors.Add($"{where}: menu.items names no profile");
        }

        foreach (var twice in items.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{where}: menu.items names {twice.Key} twice");
        }

        if (section.Default is { } chosen && !items.Contains(chosen))
        {
            errors.Add($"{where}: menu.default {chosen} is not one of its items");
        }

        var timeout = DefaultTimeout;
        if (section.Timeout is { } text && (!Durations.TryParse(text, out timeout) || timeout <= TimeSpan.Zero))
        {
            errors.Add($"{where}: menu.timeout '{text}' is not a duration above zero (like 10, 30s, 2m)");
        }
        else if (section.Timeout is not null && section.Default is null)
        {
            errors.Add($"{where}: menu.timeout needs a menu.default to boot when it runs out");
        }

        return new BootMenu(section.Title ?? "PxeKit", items, section.Default, timeout);
    }

    /// <summary>Each item of each menu is a profile that boots a kernel or the local disk (not a program, not a menu).</summary>
    public static void CheckItems(IReadOnlyList<BootProfile> profiles, List<string> errors)
    {
        foreach (var menu in profiles.Where(p => p.Menu is not null))
        {
            foreach (var item in menu.Menu!.Items)
            {
                var target = profiles.FirstOrDefault(p => p.Name == item);
                if (target is null)
                {
                    errors.Add($"profile {menu.Name}: menu item {item} is not a profile");
                }
                else if (target.Kernel is null && !target.LocalBoot)
                {
                    errors.Add($"profile {menu.Name}: menu item {item} must boot a kernel or the local disk (iPXE runs what is chosen)");
                }
            }
        }
    }
}
