using System.Text;

namespace PxeKit.Core.Events;

/// <summary>
/// A text file that never grows past a size: a line that would take it past <see cref="MaxBytes"/> first moves the
/// file to <c>PATH.1</c> (and <c>PATH.1</c> to <c>PATH.2</c>, up to <see cref="Keep"/> old files; the oldest goes) and
/// starts a new one. Whole lines only, so a reader never sees a line split across two files. For the events file,
/// which a server that runs for months would otherwise grow until the disk is full.
/// </summary>
public sealed class RotatingFileWriter : TextWriter
{
    private readonly string _path;
    private StreamWriter _writer;
    private long _length;

    public RotatingFileWriter(string path, long maxBytes, int keep)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        _path = path;
        MaxBytes = maxBytes;
        Keep = keep;
        _writer = Open();
    }

    /// <summary>The size a file may reach before it is moved aside.</summary>
    public long MaxBytes { get; }

    /// <summary>How many old files are kept beside the current one.</summary>
    public int Keep { get; }

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        var line = (value ?? "") + NewLine;
        long bytes = Encoding.UTF8.GetByteCount(line);
        if (_length > 0 && _length + bytes > MaxBytes)
        {
            Rotate();
        }

        _writer.Write(line);
        _length += bytes;
    }

    public override void Write(char value)
    {
        _writer.Write(value);
        _length += Encoding.UTF8.GetByteCount([value]);
    }

    public override void Flush() => _writer.Flush();

    private void Rotate()
    {
        _writer.Dispose();
        if (Keep == 0)
        {
            File.Delete(_path);
        }
        else
        {
            File.Delete($"{_path}.{Keep}");
            for (int n = Keep - 1; n >= 1; n--)
            {
                if (File.Exists($"{_path}.{n}"))
                {
                    File.Move($"{_path}.{n}", $"{_path}.{n + 1}");
                }
            }

            File.Move(_path, $"{_path}.1");
        }

        _writer = Open();
    }

    private StreamWriter Open()
    {
        var writer = new StreamWriter(_path, append: true, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _length = writer.BaseStream.Length;
        return writer;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Dispose();
        }

        base.Dispose(disposing);
    }
}
