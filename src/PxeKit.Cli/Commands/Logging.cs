using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PxeKit.Cli.Commands;

/// <summary>Diagnostic logs go to standard error, one line each; the journal owns standard output.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        })
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
