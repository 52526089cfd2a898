namespace PxeKit.Protocol.Dhcp;

public sealed partial class DhcpMessage
{
    private string? _clientMac;
    private DecodedText _text;

    // An option's decoded text is forgotten when the option changes through the message.
    private void Forget(DhcpOptionCode code)
    {
        if (code is DhcpOptionCode.VendorClassIdentifier or DhcpOptionCode.UserClass)
        {
            _text = default;
        }
    }

    /// <summary>
    /// The text of options 60 and 77, decoded on first read and kept: a request's handler, its events and the boot policy
    /// each read them, and each read would otherwise be new strings. A change through the message forgets them
    /// (<see cref="Forget"/>); a change made in the array <see cref="GetOption"/> returned is not seen.
    /// </summary>
    private struct DecodedText
    {
        private bool _vendorRead;
        private string? _vendorClass;
        private IReadOnlyList<string>? _userClasses;

        public string? VendorClass(DhcpMessage message)
        {
            if (!_vendorRead)
            {
                _vendorClass = message.GetString(DhcpOptionCode.VendorClassIdentifier);
                _vendorRead = true;
            }

            return _vendorClass;
        }

        public IReadOnlyList<string> UserClasses(DhcpMessage message) =>
            _userClasses ??= UserClass.Parse(message.GetOption(DhcpOptionCode.UserClass));
    }
}
