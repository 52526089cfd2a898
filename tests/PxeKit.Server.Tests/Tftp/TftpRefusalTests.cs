using PxeKit.Protocol.Tftp;
using PxeKit.Server.Files;
using PxeKit.Server.Tftp;

namespace PxeKit.Server.Tests.Tftp;

public sealed class TftpRefusalTests
{
    [Fact]
    public void Not_found_is_error_1()
    {
        var refusal = TftpRefusal.From(PathJailResult.NotFound());

        Assert.Equal(TftpErrorCode.FileNotFound, refusal.Code);
        Assert.Equal("file not found", refusal.Reason);
    }

    [Fact]
    public void A_violation_is_error_2_with_the_jails_reason()
    {
        var refusal = TftpRefusal.From(PathJailResult.Violation("parent directory segment '..'"));

        Assert.Equal(TftpErrorCode.AccessViolation, refusal.Code);
        Assert.Equal("parent directory segment '..'", refusal.Reason);
    }
}
