using PxeKit.Core.Files;
using PxeKit.Core.Interop;

namespace PxeKit.Core.Tests.Files;

/// <summary>What root asks about the user serve becomes: the mode bits of the file and of every directory on the way.</summary>
public sealed class UserAccessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-access-").FullName;
    private readonly UnixUser _nobody = Privileges.LookUp("nobody")!;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [HostFact]
    public void A_root_only_file_is_not_readable_by_nobody_and_a_world_readable_one_is()
    {
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        var secret = Write("secret", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var open = Write("open", (UnixFileMode)0b110_100_100);

        Assert.False(UserAccess.MayRead(_nobody, secret));
        Assert.True(UserAccess.MayRead(_nobody, open));
        Assert.True(UserAccess.MayRead(Privileges.LookUp("root")!, secret));
    }

    [HostFact]
    public void A_file_behind_a_directory_nobody_may_enter_is_not_readable()
    {
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var open = Write("open", (UnixFileMode)0b110_100_100);

        Assert.False(UserAccess.MayEnter(_nobody, _dir));
        Assert.False(UserAccess.MayRead(_nobody, open));
    }

    [HostFact]
    public void A_directory_given_to_the_user_is_writable_by_it()
    {
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        var state = Directory.CreateDirectory(Path.Combine(_dir, "state")).FullName;
        Assert.False(UserAccess.MayWrite(_nobody, state));

        Assert.Equal(0, Privileges.GiveTo(state, _nobody));

        Assert.True(UserAccess.MayWrite(_nobody, state));
        Assert.Equal(_nobody.Uid, Privileges.Owner(state, out _)!.Value.Uid);
    }

    private string Write(string name, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, name);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
