namespace PxeKit.Lab.Fixtures;

/// <summary>The usual permission bits of initramfs entries.</summary>
public static class Permissions
{
    /// <summary>0755.</summary>
    public const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>0755.</summary>
    public const UnixFileMode Executable = Directory;

    /// <summary>0644.</summary>
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0600.</summary>
    public const UnixFileMode Device = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0777, as symbolic links always are.</summary>
    public const UnixFileMode Symlink = Directory | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
}
