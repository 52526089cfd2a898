using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Http;

/// <summary>Sends log lines to the test's output; Kestrel's own chatter only from Warning up.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public static ILoggerFactory CreateFactory(ITestOutputHelper output) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Debug)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddProvider(new TestOutputLoggerProvider(output)));

    public ILogger CreateLogger(string categoryName) => new Logger(output);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished; a request outlived it by a moment.
            }
        }
    }
}
