using PxeKit.Cli.Doctor;
using PxeKit.Diagnostics.Doctor;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Cli.Tests.Doctor;

/// <summary>The firmware doctor holds a profile's program to comes from the whole of the profile's match.</summary>
public sealed class DoctorSubjectsTests
{
    /// <summary>Regression: a profile for iPXE on UEFI sending a script was called a BIOS program sent to UEFI.</summary>
    [Fact]
    public void A_profile_for_ipxe_has_no_firmware_to_hold_its_script_to()
    {
        var match = new ProfileMatch { Architectures = [ClientArchitecture.EfiBc], UserClass = "iPXE" };

        Assert.Null(DoctorSubjects.Target(match));
    }

    [Theory]
    [InlineData("PXEClient:Arch:00007", BootFileTarget.UefiX64)]
    [InlineData("PXEClient:Arch:00000", BootFileTarget.Bios)]
    [InlineData("HTTPClient:Arch:00016", BootFileTarget.UefiX64)]
    [InlineData("PXEClient:Arch:00011", BootFileTarget.UefiArm64)]
    public void Without_architectures_the_vendor_class_names_the_firmware(string vendor, BootFileTarget expected) =>
        Assert.Equal(expected, DoctorSubjects.Target(new ProfileMatch { VendorClassPrefix = vendor }));

    [Fact]
    public void Listed_architectures_win_and_a_mix_or_nothing_has_no_single_firmware()
    {
        Assert.Equal(BootFileTarget.Bios, DoctorSubjects.Target(new ProfileMatch { Architectures = [ClientArchitecture.IntelX86Pc], VendorClassPrefix = "PXEClient" }));
        Assert.Null(DoctorSubjects.Target(new ProfileMatch { Architectures = [ClientArchitecture.IntelX86Pc, ClientArchitecture.EfiBc] }));
        Assert.Null(DoctorSubjects.Target(new ProfileMatch { VendorClassPrefix = "PXEClient" }));
        Assert.Null(DoctorSubjects.Target(ProfileMatch.Any));
    }
}
