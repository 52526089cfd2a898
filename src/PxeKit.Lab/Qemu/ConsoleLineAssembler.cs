using System.Text;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// Turns the raw bytes of a serial console into the lines a person would read: ANSI escape sequences are
/// dropped, carriage returns and backspaces overwrite as on a terminal, and lines the firmware wrapped at
/// <see cref="WrapColumn"/> are joined again. Pure and incremental: feed it chunks as they arrive.
/// </summary>
/// <remarks>
/// With <c>-machine graphics=off</c> SeaBIOS redirects the text screen to the serial port and, like a
/// terminal, breaks lines at column 80 with CR LF; iPXE's banner arrives as <c>...Firmware -- http</c>
/// and <c>://ipxe.org</c>. A line written exactly 80 columns long is therefore continued by the next one
/// (a genuine 80-column line is followed by an empty line, so joining it is harmless). The kernel writes to
/// the UART itself and does not wrap: set <see cref="JoinWrappedLines"/> to false once it has started.
/// Screen resets (<c>ESC c</c>, <c>ESC [2J</c>) end the current line, so the kernel banner that follows
/// PXELINUX's <c>Probing EDD ... o</c> on the same physical line starts a line of its own.
/// </remarks>
public sealed class ConsoleLineAssembler
{
    public const int WrapColumn = 80;
    private const int MaxLineLength = 8192;
    private const char Escape = '\u001b';

    private readonly StringBuilder _line = new();
    private readonly StringBuilder _wrapped = new();
    private readonly StringBuilder _csi = new();
    private readonly List<string> _completed = [];
    private int _cursor;
    private EscapeState _escape;

    private enum EscapeState
    {
        None,
        Escape,
        Intermediate,
        ControlSequence,
    }

    /// <summary>Join physical lines of exactly <see cref="WrapColumn"/> characters with the next. Default true.</summary>
    public bool JoinWrappedLines { get; set; } = true;

    /// <summary>Consumes <paramref name="text"/>; returns the lines it completed (trailing blanks trimmed).</summary>
    public IReadOnlyList<string> Feed(ReadOnlySpan<char> text)
    {
        _completed.Clear();
        foreach (var c in text)
        {
            switch (_escape)
            {
                case EscapeState.None:
                    Plain(c);
                    break;
                case EscapeState.Escape:
                    AfterEscape(c);
                    break;
                case EscapeState.Intermediate:
                    _escape = c is >= ' ' and <= '/' ? EscapeState.Intermediate : EscapeState.None;
                    break;
                case EscapeState.ControlSequence:
                    InControlSequence(c);
                    break;
            }
        }

        return [.. _completed];
    }

    /// <summary>The text of the line not yet ended by a newline (for a VM that stopped mid-line).</summary>
    public string Pending => (_wrapped.ToString() + _line).TrimEnd();

    private void Plain(char c)
    {
        switch (c)
        {
            case Escape:
                _escape = EscapeState.Escape;
                break;
            case '\r':
                _cursor = 0;
                break;
            case '\n':
                EndPhysicalLine();
                break;
            case '\b':
                _cursor = Math.Max(0, _cursor - 1);
                break;
            case '\t':
                Put(' ');
                break;
            case < ' ' or '\u007f':
                break; // bell and other controls print nothing
            default:
                Put(c);
                break;
        }
    }

    private void AfterEscape(char c)
    {
        _escape = EscapeState.None;
        if (c == '[')
        {
            _csi.Clear();
            _escape = EscapeState.ControlSequence;
        }
        else if (c == 'c')
        {
            BreakLine(); // RIS: full reset, the screen starts over
        }
        else if (c is >= ' ' and <= '/')
        {
            _escape = EscapeState.Intermediate;
        }
    }

    private void InControlSequence(char c)
    {
        if (c is >= ' ' and <= '?')
        {
            _csi.Append(c);
            return;
        }

        _escape = EscapeState.None;
        var parameters = _csi.ToString();
        if (c == 'J' && parameters == "2")
        {
            BreakLine(); // erase display
        }
        else if (c == 'K' && parameters is "" or "0")
        {
            _line.Length = Math.Min(_line.Length, _cursor); // erase to end of line
        }
    }

    private void Put(char c)
    {
        if (_cursor < _line.Length)
        {
            _line[_cursor] = c;
        }
        else
        {
            _line.Append(' ', _cursor - _line.Length).Append(c);
        }

        _cursor++;
        if (_line.Length >= MaxLineLength)
        {
            BreakLine();
        }
    }

    private void EndPhysicalLine()
    {
        if (JoinWrappedLines && _line.Length == WrapColumn)
        {
            _wrapped.Append(_line);
            _line.Clear();
            _cursor = 0;
            return;
        }

        Emit();
    }

    private void BreakLine()
    {
        if (_line.Length > 0 || _wrapped.Length > 0)
        {
            Emit();
        }
    }

    private void Emit()
    {
        _completed.Add(Pending);
        _wrapped.Clear();
        _line.Clear();
        _cursor = 0;
    }
}
