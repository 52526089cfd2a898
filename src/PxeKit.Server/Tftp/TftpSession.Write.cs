using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

internal sealed partial class TftpSession
{
    private async Task WriteRequestAsync(TftpTransferChannel channel, CancellationToken cancellationToken)
    {
        if (!_options.AllowWrite)
        {
            await RefuseAsync(channel, TftpErrorCode.AccessViolation, "writes are disabled", cancellationToken).ConfigureAwait(false);
            return;
        }

        // Receiving files is not implemented yet: even with AllowWrite the request is refused.
        await RefuseAsync(channel, TftpErrorCode.IllegalOperation, "writes are not supported by this server yet", cancellationToken).ConfigureAwait(false);
    }
}
