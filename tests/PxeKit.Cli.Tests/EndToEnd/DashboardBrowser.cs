using Microsoft.Playwright;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), headless, driven through Microsoft.Playwright: the driver its NuGet package
/// ships (node and Playwright's JavaScript, copied beside the tests) runs here without a network, and no browser is
/// downloaded. With a namespace, the browser runs in it (<c>ip netns exec</c>, from a two-line launcher in a temporary
/// directory), so it reaches a management listener bound to that namespace's loopback. Everything is closed on dispose.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly DirectoryInfo _work;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, DirectoryInfo work)
    {
        _playwright = playwright;
        _browser = browser;
        _work = work;
    }

    public static async Task<DashboardBrowser> LaunchAsync(string? ns)
    {
        var work = Directory.CreateTempSubdirectory("pxekit-browser-");
        var executable = Chromium;
        if (ns is not null)
        {
            // ip netns exec and the shell exec in place: the browser keeps the pipe Playwright talks to it through.
            executable = Path.Combine(work.FullName, "chromium-in-namespace");
            await File.WriteAllTextAsync(executable, $"#!/bin/sh\nexec ip netns exec {ns} {Chromium} \"$@\"\n");
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Timeout = 60_000,
            });
            return new DashboardBrowser(playwright, browser, work);
        }
        catch
        {
            playwright?.Dispose();
            work.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A page of its own (a fresh context: no storage shared between tests), at a desktop's size.</summary>
    public async Task<IPage> OpenAsync(string url)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _work.Delete(recursive: true);
    }
}
