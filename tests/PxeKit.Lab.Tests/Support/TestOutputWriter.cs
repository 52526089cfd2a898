using System.Text;
using Xunit.Abstractions;

namespace PxeKit.Lab.Tests.Support;

/// <summary>A <see cref="TextWriter"/> whose lines go to the test's output (progress of a fixture build).</summary>
internal sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            output.WriteLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }
}
