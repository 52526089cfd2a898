namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// Walks every option instance of a validated message without allocating: the options field, then
/// the overloaded <c>file</c> and <c>sname</c> fields (RFC 2131 section 4.1, RFC 3396 section 7).
/// Pad is skipped; End closes an area. Only used on messages that <see cref="DhcpMessageView.TryParse"/> accepted.
/// </summary>
public ref struct DhcpOptionEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly DhcpOptionArea _overload;
    private ReadOnlySpan<byte> _area;
    private int _areaIndex;
    private int _position;

    internal DhcpOptionEnumerator(ReadOnlySpan<byte> message, DhcpOptionArea overload)
    {
        _message = message;
        _overload = overload;
        _area = message[DhcpConstants.OptionsOffset..];
        _areaIndex = 0;
        _position = 0;
        Current = default;
    }

    public DhcpOption Current { get; private set; }

    public readonly DhcpOptionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_position < _area.Length)
            {
                byte code = _area[_position];
                if (code == (byte)DhcpOptionCode.Pad)
                {
                    _position++;
                    continue;
                }

                if (code != (byte)DhcpOptionCode.End && _position + 1 < _area.Length)
                {
                    int length = _area[_position + 1];
                    int start = _position + 2;
                    if (start + length <= _area.Length)
                    {
                        Current = new DhcpOption(code, _area.Slice(start, length));
                        _position = start + length;
                        return true;
                    }
                }
            }

            // End, or the end of the area: go on to the next overloaded area, if any.
            if (!NextArea())
            {
                return false;
            }
        }
    }

    private bool NextArea()
    {
        while (++_areaIndex <= 2)
        {
            if (_areaIndex == 1 && (_overload & DhcpOptionArea.File) != 0)
            {
                _area = _message.Slice(DhcpConstants.BootFileOffset, DhcpConstants.BootFileLength);
                _position = 0;
                return true;
            }

            if (_areaIndex == 2 && (_overload & DhcpOptionArea.ServerName) != 0)
            {
                _area = _message.Slice(DhcpConstants.ServerNameOffset, DhcpConstants.ServerNameLength);
                _position = 0;
                return true;
            }
        }

        return false;
    }
}
