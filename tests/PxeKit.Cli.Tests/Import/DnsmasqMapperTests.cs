using PxeKit.Cli.Import;

using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Tests.Import;

public sealed class DnsmasqMapperTests
{
    [Fact]
    public void One_interface_is_interface_and_its_range_lease_and_hosts_are_the_top_level_dhcp()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "dhcp-range=10.0.0.100,10.0.0.150,255.255.255.0,90m",
            "dhcp-host=52:54:00:00:00:01,10.0.0.10,node1",
            "dhcp-host=52:54:00:00:00:02,10.0.0.11",
            "dhcp-host=52:54:00:00:00:02,10.0.0.12",
            "dhcp-host=52:54:00:00:00:03,10.0.0.11");

        var config = imported.Config;
        Assert.Equal("eth1", config.Interface);
        Assert.Null(config.Interfaces);
        Assert.Equal("10.0.0.100-10.0.0.150", config.Dhcp!.Range);
        Assert.Equal("90m", config.Dhcp.LeaseTime);
        Assert.Equal([("52:54:00:00:00:01", "10.0.0.10", "node1"), ("52:54:00:00:00:02", "10.0.0.11", null)],
            config.Dhcp.Reservations!.Select(r => (r.Mac!, r.Address!, r.Hostname)));
        Assert.Equal([5, 6], imported.Unmapped.Select(u => u.Line.Number));
        Assert.Contains("is reserved already (t.conf:4)", DnsmasqText.Why(imported, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_interfaces_take_the_ranges_tagged_with_their_names_and_the_hosts_on_their_subnets()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "interface=eth2",
            "dhcp-range=tag:eth1,10.1.0.100,10.1.0.150,1h",
            "dhcp-range=tag:eth2,10.2.0.100,10.2.0.150,255.255.0.0,2h",
            "dhcp-range=10.3.0.100,10.3.0.150",
            "dhcp-host=52:54:00:00:00:01,10.2.9.10",
            "dhcp-host=52:54:00:00:00:02,10.1.0.10",
            "dhcp-host=52:54:00:00:00:03,10.9.0.10");

        var nics = imported.Config.Interfaces!;
        Assert.Null(imported.Config.Interface);
        Assert.Equal(["eth1", "eth2"], nics.Select(n => n.Name));
        Assert.Equal("10.1.0.100-10.1.0.150", nics[0].Dhcp!.Range);
        Assert.Equal("2h", nics[1].Dhcp!.LeaseTime);
        Assert.Equal("52:54:00:00:00:02", Assert.Single(nics[0].Dhcp!.Reservations!).Mac);
        Assert.Equal("52:54:00:00:00:01", Assert.Single(nics[1].Dhcp!.Reservations!).Mac); // 10.2.9.10 is on eth2's /16
        Assert.Contains("tag:INTERFACE", DnsmasqText.Why(imported, 5), StringComparison.Ordinal);
        Assert.Contains("no mapped range's subnet holds 10.9.0.10", DnsmasqText.Why(imported, 8), StringComparison.Ordinal);
        Assert.Equal([5, 8], imported.Unmapped.Select(u => u.Line.Number));
    }

    [Fact]
    public void Proxy_ranges_make_proxy_mode_and_a_proxy_range_among_full_ones_is_left()
    {
        Assert.Equal("proxy", DnsmasqText.Map("dhcp-range=192.168.1.0,proxy").Config.Mode);

        var mixed = DnsmasqText.Map("dhcp-range=10.0.0.10,10.0.0.20", "dhcp-range=192.168.1.0,proxy");
        Assert.Null(mixed.Config.Mode);
        Assert.Contains("mode: is the whole server's", DnsmasqText.Why(mixed, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_range_a_static_one_and_an_infinite_lease_are_listed()
    {
        var imported = DnsmasqText.Map(
            "dhcp-range=10.0.0.10,10.0.0.20,infinite",
            "dhcp-range=10.0.0.30,10.0.0.40",
            "dhcp-range=10.5.0.0,static");

        Assert.Equal("10.0.0.10-10.0.0.20", imported.Config.Dhcp!.Range);
        Assert.Null(imported.Config.Dhcp.LeaseTime);
        Assert.Contains("infinite", DnsmasqText.Why(imported, 1), StringComparison.Ordinal);
        Assert.Contains("second range", DnsmasqText.Why(imported, 2), StringComparison.Ordinal);
        Assert.Contains("static", DnsmasqText.Why(imported, 3), StringComparison.Ordinal);
    }

    [Fact]
    public void Tagged_boots_become_profiles_matching_what_their_tags_mean_and_the_untagged_one_the_boot_file()
    {
        var imported = DnsmasqText.Map(
            "dhcp-match=set:efi64,option:client-arch,7",
            "dhcp-match=set:efi64,option:client-arch,9",
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:efi64,tag:!ipxe,ipxe.efi",
            "dhcp-boot=tag:ipxe,boot.ipxe",
            "dhcp-boot=pxelinux.0");

        var profiles = imported.Config.Profiles!;
        Assert.Equal("pxelinux.0", imported.Config.Bootfile);
        // tag:!ipxe holds because the profile for ipxe comes first.
        Assert.Equal(["ipxe", "efi64"], profiles.Select(p => p.Name));
        Assert.Equal("iPXE", profiles[0].Match!.UserClass);
        Assert.Equal("boot.ipxe", profiles[0].Boot);
        Assert.Equal(["7", "9"], profiles[1].Match!.Arch!);
        Assert.Equal("ipxe.efi", profiles[1].Boot);
        Assert.Empty(imported.Unmapped);
    }

    [Fact]
    public void Dnsmasq_takes_the_last_boot_written_that_matches_so_the_last_comes_first()
    {
        var imported = DnsmasqText.Map(
            "dhcp-match=set:bios,option:client-arch,0",
            "dhcp-boot=tag:bios,first.0",
            "dhcp-boot=tag:bios,second.0",
            "dhcp-boot=default-one.0",
            "dhcp-boot=default-two.0");

        Assert.Equal([("bios", "second.0"), ("bios-2", "first.0")], imported.Config.Profiles!.Select(p => (p.Name!, p.Boot!)));
        Assert.Equal("default-two.0", imported.Config.Bootfile);
        Assert.Contains("dnsmasq uses the last one, default-two.0 (line 5)", DnsmasqText.Why(imported, 4), StringComparison.Ordinal);
    }

    [Fact]
    public void A_boot_with_only_negated_tags_comes_after_every_tagged_one_and_before_the_untagged_one_written_before_it()
    {
        var imported = DnsmasqText.Map(
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:!ipxe,early.0",
            "dhcp-boot=default.0",
            "dhcp-boot=tag:!ipxe,undionly.kpxe",
            "dhcp-boot=tag:ipxe,boot.ipxe");

        Assert.Equal([("ipxe", "boot.ipxe"), ("boot", "undionly.kpxe")], imported.Config.Profiles!.Select(p => (p.Name!, p.Boot!)));
        Assert.Equal("default.0", imported.Config.Bootfile);
        Assert.Equal([2], imported.Unmapped.Select(u => u.Line.Number));
        Assert.Contains("never used", DnsmasqText.Why(imported, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_for_a_negated_tag_moves_up_only_past_entries_that_negate_it_too()
    {
        var moved = DnsmasqText.Map(
            "dhcp-match=set:efi64,option:client-arch,7",
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:ipxe,boot.ipxe",
            "dhcp-boot=tag:efi64,tag:!ipxe,ipxe.efi");
        Assert.Equal(["ipxe", "efi64"], moved.Config.Profiles!.Select(p => p.Name));
        Assert.Empty(moved.Unmapped);

        // bios, written after ipxe, comes before it in dnsmasq and may take an iPXE client too: ipxe cannot pass it.
        var kept = DnsmasqText.Map(
            "dhcp-match=set:efi64,option:client-arch,7",
            "dhcp-match=set:bios,option:client-arch,0",
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:ipxe,boot.ipxe",
            "dhcp-boot=tag:bios,pxelinux.0",
            "dhcp-boot=tag:efi64,tag:!ipxe,ipxe.efi");
        Assert.Equal(["bios", "ipxe"], kept.Config.Profiles!.Select(p => p.Name));
        Assert.Contains("tag:!ipxe", DnsmasqText.Why(kept, 6), StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_if_user_and_vendor_classes_hosts_and_interfaces_give_their_conditions()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "interface=eth2",
            "dhcp-userclass=set:ipxe,iPXE",
            "dhcp-vendorclass=set:http,HTTPClient",
            "dhcp-match=set:arm,option:client-arch,11",
            "tag-if=set:arm-http,tag:arm,tag:http",
            "dhcp-host=52:54:00:00:00:01,set:rack1",
            "dhcp-host=52:54:00:00:00:02,set:rack1",
            "dhcp-boot=tag:arm-http,http://10.0.0.1/grub.efi",
            "dhcp-boot=tag:rack1,tag:eth2,rack.0",
            "dhcp-boot=tag:ipxe,boot.ipxe");

        var profiles = imported.Config.Profiles!.ToDictionary(p => p.Name!);
        Assert.Equal(["11"], profiles["arm-http"].Match!.Arch!);
        Assert.Equal("HTTPClient", profiles["arm-http"].Match!.VendorClass);
        Assert.Equal(["rack1"], profiles["rack1-eth2"].Match!.Group!);
        Assert.Equal(["eth2"], profiles["rack1-eth2"].Match!.Interface!);
        Assert.Equal(["52:54:00:00:00:01", "52:54:00:00:00:02"], imported.Config.Groups!["rack1"]);
        Assert.Equal("iPXE", profiles["ipxe"].Match!.UserClass);
    }

    [Fact]
    public void A_boot_whose_tags_pxekit_cannot_match_is_listed_with_the_tag_that_stands_in_the_way()
    {
        var imported = DnsmasqText.Map(
            "dhcp-match=set:relayed,82",
            "dhcp-boot=tag:relayed,relay.0",
            "dhcp-boot=tag:known,known.0",
            "dhcp-match=set:bios,option:client-arch,0",
            "dhcp-boot=tag:bios,tag:!efi,bios.0",
            "tag-if=set:notipxe,tag:!ipxe",
            "dhcp-boot=tag:notipxe,x.0");

        Assert.Null(imported.Config.Profiles);
        Assert.Contains("option 82", DnsmasqText.Why(imported, 1), StringComparison.Ordinal);
        Assert.Contains("tag relayed is set by a line that was not mapped", DnsmasqText.Why(imported, 2), StringComparison.Ordinal);
        Assert.Contains("tag known is set by nothing", DnsmasqText.Why(imported, 3), StringComparison.Ordinal);
        Assert.Contains("tag:!efi", DnsmasqText.Why(imported, 5), StringComparison.Ordinal);
        Assert.Contains("no 'not'", DnsmasqText.Why(imported, 7), StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_pxe_service_of_each_architecture_is_a_profile_and_the_rest_of_the_menu_is_listed()
    {
        var imported = DnsmasqText.Map(
            "pxe-prompt=\"Booting\",0",
            "pxe-service=x86PC,\"Install\",pxelinux",
            "pxe-service=x86PC,\"Local disk\",0",
            "pxe-service=x86-64_EFI,\"Local disk\"",
            "pxe-service=ARM64_EFI,\"Elsewhere\",grub.efi,10.0.0.9",
            "pxe-prompt=\"Press F8\",10");

        var profiles = imported.Config.Profiles!;
        Assert.Equal(["pxe-x86pc", "pxe-x86-64_efi", "pxe-arm64_efi"], profiles.Select(p => p.Name));
        Assert.Equal(["0"], profiles[0].Match!.Arch!);
        Assert.Equal("pxelinux.0", profiles[0].Boot);
        Assert.Equal(["7"], profiles[1].Match!.Arch!);
        Assert.True(profiles[1].Local);
        Assert.Equal("grub.efi", profiles[2].Boot);
        Assert.Equal([3, 5, 6], imported.Unmapped.Select(u => u.Line.Number));
        Assert.Contains("first entry for x86PC (line 2)", DnsmasqText.Why(imported, 3), StringComparison.Ordinal);
        Assert.Contains("10.0.0.9", DnsmasqText.Why(imported, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Tftp_settings_map_and_what_they_cannot_say_is_listed()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "interface=eth2",
            "enable-tftp=eth1",
            "tftp-root=/srv/tftp",
            "tftp-root=/srv/other,eth2",
            "tftp-max=50",
            "dhcp-authoritative",
            "no-ping");

        Assert.Equal("/srv/tftp", imported.Config.Root);
        Assert.Equal(50, imported.Config.Tftp!.MaxTransfers);
        Assert.True(imported.Config.Dhcp!.Authoritative);
        Assert.False(imported.Config.Dhcp.Probe);
        Assert.Equal([3, 5], imported.Unmapped.Select(u => u.Line.Number));
        Assert.Contains("one root", DnsmasqText.Why(imported, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_3_and_6_are_router_and_dns_and_the_others_typed_options_where_their_tags_point()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "interface=eth2",
            "dhcp-range=tag:eth1,set:lab,10.1.0.100,10.1.0.150",
            "dhcp-range=tag:eth2,10.2.0.100,10.2.0.150",
            "dhcp-option=tag:lab,3,10.1.0.1",
            "dhcp-option=tag:eth2,option:router,10.2.0.1,10.2.0.254",
            "dhcp-option=6,10.1.0.1,10.2.0.1",
            "dhcp-option=option:ntp-server,10.1.0.5",
            "dhcp-option=tag:eth2,15,lab.example",
            "dhcp-option=tag:eth2,26,9000",
            "dhcp-option-force=tag:eth1,224,\"hello\"",
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:ipxe,boot.ipxe",
            "dhcp-option=tag:ipxe,17,/srv/root",
            "dhcp-option=tag:ipxe,tag:eth1,17,/srv/root",
            "dhcp-option=3,0.0.0.0",
            "dhcp-option=26,big");

        var config = imported.Config;
        var eth1 = config.Interfaces![0].Dhcp!;
        var eth2 = config.Interfaces[1].Dhcp!;
        Assert.Equal("10.1.0.1", eth1.Router);
        Assert.Equal("10.2.0.1", eth2.Router);
        Assert.Equal(["10.1.0.1", "10.2.0.1"], config.Dhcp!.Dns!);
        Assert.Equal([new ImportedOption(42, DhcpOptionType.Addresses, ["10.1.0.5"], false)], imported.OptionsOf(config.Dhcp), DnsmasqText.OptionEquality);
        Assert.Equal(
            [new ImportedOption(15, DhcpOptionType.String, ["lab.example"], false), new ImportedOption(26, DhcpOptionType.UInt16, ["9000"], false)],
            imported.OptionsOf(eth2), DnsmasqText.OptionEquality);
        Assert.Equal([new ImportedOption(224, DhcpOptionType.Hex, ["68:65:6c:6c:6f"], true)], imported.OptionsOf(eth1), DnsmasqText.OptionEquality);
        Assert.Equal([new ImportedOption(17, DhcpOptionType.String, ["/srv/root"], false)], imported.OptionsOf(config.Profiles![0]), DnsmasqText.OptionEquality);
        Assert.Equal([6, 15, 16, 17], imported.Unmapped.Select(u => u.Line.Number));
        Assert.Contains("10.2.0.254 left out", DnsmasqText.Why(imported, 6), StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", DnsmasqText.Why(imported, 16), StringComparison.Ordinal);
        Assert.Contains("is not a whole number from 0 to 65535", DnsmasqText.Why(imported, 17), StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_with_tags_wins_over_one_without_whatever_their_order_and_of_lines_alike_the_last()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "interface=eth2",
            "dhcp-option=tag:eth1,3,10.1.0.1",
            "dhcp-option=3,10.9.0.1",
            "dhcp-option=42,10.9.0.5",
            "dhcp-option=42,10.9.0.6");

        Assert.Equal(["10.1.0.1", "10.9.0.1"], imported.Config.Interfaces!.Select(i => i.Dhcp!.Router!));
        Assert.Equal(["10.9.0.6"], Assert.Single(imported.OptionsOf(imported.Config.Dhcp!)).Values);
        Assert.Equal([5], imported.Unmapped.Select(u => u.Line.Number));
        Assert.Contains("given again at t.conf:6, and dnsmasq uses the last one written", DnsmasqText.Why(imported, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_it_does_not_know_are_listed_in_file_order_with_their_line_numbers()
    {
        var imported = DnsmasqText.Map(
            "# a comment",
            "log-dhcp",
            "",
            "dhcp-leasefile=/tmp/leases",
            "cname=a,b",
            "dhcp-range=10.0.0.10,10.0.0.20");

        Assert.Equal([4, 5], imported.Unmapped.Select(u => u.Line.Number));
        Assert.All(imported.Unmapped, u => Assert.Equal("t.conf", u.Line.File));
    }
}
