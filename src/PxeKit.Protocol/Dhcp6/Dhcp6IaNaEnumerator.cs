namespace PxeKit.Protocol.Dhcp6;

/// <summary>The IA_NA options of one level of a validated message, in wire order.</summary>
public ref struct Dhcp6IaNaEnumerator
{
    private Dhcp6OptionEnumerator _options;

    internal Dhcp6IaNaEnumerator(ReadOnlySpan<byte> area)
    {
        _options = new Dhcp6OptionEnumerator(area);
        Current = default;
    }

    public Dhcp6IaNa Current { get; private set; }

    public readonly Dhcp6IaNaEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (_options.MoveNext())
        {
            if (_options.Current.Code == (ushort)Dhcp6OptionCode.IaNa)
            {
                Current = new Dhcp6IaNa(_options.Current.Data);
                return true;
            }
        }

        return false;
    }
}
