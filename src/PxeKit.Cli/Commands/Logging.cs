using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PxeKit.Cli.Commands;

/// <summary>
/// Diagnostic logs go to standard error, one line each; the journal owns standard output. The console logger's queue
/// drops (and counts) what does not fit rather than making a listener wait for a stalled terminal.
/// </summary>
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
        .AddConsole(o =>
        {
            o.LogToStandardErrorThreshold = LogLevel.Trace;
            o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
        }));
}
