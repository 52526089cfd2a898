namespace PxeKit.Protocol.Tftp;

/// <summary>
/// Walks the option area of a request or an OACK without allocating. Only created over an area the
/// parser has already validated, so every name has a value and every string its NUL.
/// </summary>
public ref struct TftpOptionEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    internal TftpOptionEnumerator(ReadOnlySpan<byte> optionArea)
    {
        _remaining = optionArea;
        Current = default;
    }

    public TftpOption Current { get; private set; }

    public readonly TftpOptionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        // Trailing NUL padding after the last option was accepted by the parser; it ends the walk.
        if (_remaining.IsEmpty || _remaining[0] == 0)
        {
            return false;
        }

        var nameEnd = _remaining.IndexOf((byte)0);
        var name = _remaining[..nameEnd];
        var rest = _remaining[(nameEnd + 1)..];
        var valueEnd = rest.IndexOf((byte)0);
        Current = new TftpOption(name, rest[..valueEnd]);
        _remaining = rest[(valueEnd + 1)..];
        return true;
    }
}
