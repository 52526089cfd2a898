using PxeKit.Core.Events;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Files;

namespace PxeKit.Server.Tftp;

/// <summary>Why a request is refused, as the ERROR packet says it: a code and a reason for log and journal.</summary>
internal readonly record struct TftpRefusal(TftpErrorCode Code, string Reason, FileRefusal? Refusal = null)
{
    /// <summary>
    /// The jail's verdict in TFTP terms: a name that names nothing is ERROR 1 (file not found), every
    /// other refusal is ERROR 2 (access violation). Only for refused results.
    /// </summary>
    public static TftpRefusal From(PathJailResult result) =>
        new(result.IsNotFound ? TftpErrorCode.FileNotFound : TftpErrorCode.AccessViolation, result.Reason, result.Refusal);
}
