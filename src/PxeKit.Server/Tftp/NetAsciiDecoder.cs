namespace PxeKit.Server.Tftp;

/// <summary>
/// Turns received netascii back into local text (RFC 764 as RFC 1350 uses it): CR LF becomes LF and
/// CR NUL becomes CR. A CR that ends one block is held until the next block shows what follows it.
/// </summary>
internal sealed class NetAsciiDecoder
{
    private bool _pendingCarriageReturn;

    /// <summary>The most bytes one call writes for an input of the given length.</summary>
    public static int MaxOutputLength(int inputLength) => inputLength + 1;

    /// <summary>Decodes one block, and with <paramref name="final"/> the held CR too; returns the bytes written.</summary>
    public int Decode(ReadOnlySpan<byte> input, Span<byte> output, bool final)
    {
        var written = 0;
        foreach (var b in input)
        {
            if (_pendingCarriageReturn)
            {
                _pendingCarriageReturn = false;
                if (b == (byte)'\n')
                {
                    output[written++] = (byte)'\n';
                    continue;
                }

                output[written++] = (byte)'\r';
                if (b == 0)
                {
                    continue;
                }

                // A CR followed by anything else is kept as sent, and the byte is judged on its own:
                // lenient on purpose, since some clients send bare CRs.
            }

            if (b == (byte)'\r')
            {
                _pendingCarriageReturn = true;
            }
            else
            {
                output[written++] = b;
            }
        }

        if (final && _pendingCarriageReturn)
        {
            _pendingCarriageReturn = false;
            output[written++] = (byte)'\r';
        }

        return written;
    }
}
