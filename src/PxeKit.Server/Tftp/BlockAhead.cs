using System.Buffers;

namespace PxeKit.Server.Tftp;

/// <summary>
/// The one DATA packet a read transfer prepares before the client asks for it: the block after the window just sent.
/// When that block is sent next, its packet is taken as it is, in exchange for the buffer it replaces.
/// </summary>
internal sealed class BlockAhead : IDisposable
{
    private byte[]? _buffer;
    private long _block = -1;
    private int _length;

    /// <summary>Whether the packet of this block is ready.</summary>
    public bool Holds(long block) => _block == block && _buffer is not null;

    /// <summary>A buffer of at least <paramref name="length"/> bytes to read the next block into; what it held is gone.</summary>
    public byte[] Buffer(int length)
    {
        _block = -1;
        if (_buffer is not null && _buffer.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        return _buffer ??= ArrayPool<byte>.Shared.Rent(length);
    }

    /// <summary>The buffer now holds the packet of <paramref name="block"/>, <paramref name="length"/> bytes (-1: the file was short).</summary>
    public void Filled(long block, int length)
    {
        _block = block;
        _length = length;
    }

    /// <summary>
    /// The length of the block's packet when it is the one read ahead, which then becomes <paramref name="packet"/>
    /// (the buffer it replaces is kept for the next block ahead); null otherwise.
    /// </summary>
    public int? Take(long block, ref byte[] packet)
    {
        if (!Holds(block))
        {
            return null;
        }

        (packet, _buffer) = (_buffer!, packet);
        _block = -1;
        return _length;
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
