using System.Net;
using PxeKit.Cli.Import;

namespace PxeKit.Cli.Tests.Import;

public sealed class DnsmasqParserTests
{
    [Fact]
    public void Fields_split_at_commas_outside_quotes_and_lose_their_quotes_and_outer_spaces()
    {
        var fields = DnsmasqField.Split("x86PC, \"Boot, from \\\"net\\\"\" , pxelinux");

        Assert.Equal(["x86PC", "Boot, from \"net\"", "pxelinux"], fields.Select(f => f.Text));
        Assert.Equal([false, true, false], fields.Select(f => f.Quoted));
    }

    [Fact]
    public void A_line_loses_its_comment_but_not_a_hash_inside_quotes_or_a_word()
    {
        Assert.Null(DnsmasqReader.Parse("t.conf", 1, "   # a comment"));
        Assert.Null(DnsmasqReader.Parse("t.conf", 2, ""));
        Assert.Equal(new DnsmasqLine("t.conf", 3, "enable-tftp", null), DnsmasqReader.Parse("t.conf", 3, "enable-tftp   # on"));
        Assert.Equal("\"a # b\"", DnsmasqReader.Parse("t.conf", 4, "pxe-prompt=\"a # b\"")!.Value);
        Assert.Equal("file#1", DnsmasqReader.Parse("t.conf", 5, "dhcp-boot=file#1")!.Value);
    }

    [Fact]
    public void Interface_lists_every_name()
    {
        var nic = Assert.IsType<InterfaceDirective>(DnsmasqText.One("interface=eth1,eth2"));
        Assert.Equal(["eth1", "eth2"], nic.Names);
        Assert.IsType<NotMappedDirective>(DnsmasqText.One("interface=eth*"));
    }

    [Fact]
    public void A_range_has_its_tags_addresses_mask_and_lease_time()
    {
        var range = Assert.IsType<DhcpRangeDirective>(DnsmasqText.One("dhcp-range=tag:eth1,set:lab,10.0.0.100,10.0.0.150,255.255.255.0,12h"));

        Assert.Equal([new TagCondition("eth1", false)], range.Tags);
        Assert.Equal("lab", range.SetTag);
        Assert.Equal(IPAddress.Parse("10.0.0.100"), range.Start);
        Assert.Equal(IPAddress.Parse("10.0.0.150"), range.End);
        Assert.Equal(IPAddress.Parse("255.255.255.0"), range.Mask);
        Assert.Equal(DhcpRangeMode.Dynamic, range.Mode);
        Assert.Equal(TimeSpan.FromHours(12), range.LeaseTime);
    }

    [Fact]
    public void A_proxy_range_names_a_subnet_and_older_forms_set_tags()
    {
        var proxy = Assert.IsType<DhcpRangeDirective>(DnsmasqText.One("dhcp-range=192.168.1.0,proxy,255.255.255.0"));
        Assert.Equal(DhcpRangeMode.Proxy, proxy.Mode);
        Assert.Null(proxy.End);
        Assert.Equal(IPAddress.Parse("255.255.255.0"), proxy.Mask);

        Assert.Equal("red", Assert.IsType<DhcpRangeDirective>(DnsmasqText.One("dhcp-range=red,10.0.0.10,10.0.0.20")).SetTag);
        Assert.Equal("blue", Assert.IsType<DhcpRangeDirective>(DnsmasqText.One("dhcp-range=net:blue,10.0.0.10,10.0.0.20,2w")).SetTag);
        Assert.Equal(TimeSpan.FromDays(14), Assert.IsType<DhcpRangeDirective>(DnsmasqText.One("dhcp-range=10.0.0.10,10.0.0.20,2w")).LeaseTime);
        Assert.Equal(Timeout.InfiniteTimeSpan, Assert.IsType<DhcpRangeDirective>(DnsmasqText.One("dhcp-range=10.0.0.10,10.0.0.20,infinite")).LeaseTime);
    }

    [Theory]
    [InlineData("dhcp-range=::1,::400,constructor:eth0", "IPv6")]
    [InlineData("dhcp-range=10.0.0.10", "no end address")]
    [InlineData("dhcp-range=10.0.0.10,10.0.0.20,soon", "'soon' is neither")]
    public void A_range_that_cannot_be_read_says_why(string line, string why)
    {
        var left = Assert.IsType<NotMappedDirective>(DnsmasqText.One(line));
        Assert.Contains(why, left.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_is_told_by_the_shape_of_each_field()
    {
        var host = Assert.IsType<DhcpHostDirective>(DnsmasqText.One("dhcp-host=52:54:00:AA:BB:CC,set:rack1,10.0.0.5,node5,infinite,id:01:02"));

        Assert.Equal(["52:54:00:aa:bb:cc"], host.Macs);
        Assert.Equal("rack1", host.SetTag);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), host.Address);
        Assert.Equal("node5", host.Hostname);
        Assert.Equal(["infinite", "id:01:02"], host.Others);
    }

    [Fact]
    public void Boot_has_its_tags_file_and_server()
    {
        var boot = Assert.IsType<DhcpBootDirective>(DnsmasqText.One("dhcp-boot=tag:efi64,tag:!ipxe,ipxe.efi,boothost,10.0.0.2"));

        Assert.Equal([new TagCondition("efi64", false), new TagCondition("ipxe", true)], boot.Tags);
        Assert.Equal("ipxe.efi", boot.File);
        Assert.Equal("boothost", boot.ServerName);
        Assert.Equal("10.0.0.2", boot.ServerAddress);
    }

    [Theory]
    [InlineData("dhcp-match=set:efi64,option:client-arch,7", "efi64", ClientConditionKind.Arch, "7")]
    [InlineData("dhcp-match=set:arm,93,00:0b", "arm", ClientConditionKind.Arch, "11")]
    [InlineData("dhcp-match=set:ipxe,175", "ipxe", ClientConditionKind.UserClass, "iPXE")]
    [InlineData("dhcp-match=set:ipxe,77,iPXE", "ipxe", ClientConditionKind.UserClass, "iPXE")]
    [InlineData("dhcp-match=set:http,option:vendor-class,HTTPClient", "http", ClientConditionKind.VendorClass, "HTTPClient")]
    [InlineData("dhcp-userclass=set:ipxe,iPXE", "ipxe", ClientConditionKind.UserClass, "iPXE")]
    [InlineData("dhcp-vendorclass=set:pxe,PXEClient", "pxe", ClientConditionKind.VendorClass, "PXEClient")]
    public void A_tag_rule_becomes_a_condition_on_the_client(string line, string tag, ClientConditionKind kind, string value)
    {
        var rule = Assert.IsType<TagRuleDirective>(DnsmasqText.One(line));

        Assert.Equal(tag, rule.SetTag);
        Assert.Equal(new ClientCondition(kind, value), rule.Condition);
    }

    [Theory]
    [InlineData("dhcp-match=set:relayed,82")]
    [InlineData("dhcp-match=set:x,vi-encap:4413")]
    [InlineData("dhcp-vendorclass=set:x,enterprise:311,MSFT")]
    public void A_tag_rule_on_something_a_profile_cannot_match_is_not_mapped(string line) =>
        Assert.IsType<NotMappedDirective>(DnsmasqText.One(line));

    [Fact]
    public void Tag_if_sets_tags_from_others()
    {
        var rule = Assert.IsType<TagIfDirective>(DnsmasqText.One("tag-if=set:uefi-pxe,tag:efi64,tag:!ipxe"));

        Assert.Equal(["uefi-pxe"], rule.SetTags);
        Assert.Equal([new TagCondition("efi64", false), new TagCondition("ipxe", true)], rule.Required);
    }

    [Theory]
    [InlineData("pxe-service=x86PC,\"Network boot\",pxelinux", (ushort)0, "pxelinux.0", null)]
    [InlineData("pxe-service=x86-64_EFI,\"UEFI\",grub/grubx64.efi", (ushort)7, "grub/grubx64.efi", null)]
    [InlineData("pxe-service=BC_EFI,\"UEFI\",ipxe.efi", (ushort)9, "ipxe.efi", null)]
    [InlineData("pxe-service=ARM64_EFI,\"Local disk\"", (ushort)11, null, 0)]
    [InlineData("pxe-service=x86PC,\"Other server\",3", (ushort)0, null, 3)]
    public void Pxe_service_has_its_architecture_and_file_with_the_layer_suffix(string line, ushort arch, string? file, int? type)
    {
        var service = Assert.IsType<PxeServiceDirective>(DnsmasqText.One(line));

        Assert.Equal(arch, service.Architecture);
        Assert.Equal(file, service.BootFile);
        Assert.Equal(type, service.ServiceType);
    }

    [Fact]
    public void Pxe_prompt_has_its_timeout()
    {
        var prompt = Assert.IsType<PxePromptDirective>(DnsmasqText.One("pxe-prompt=\"Press F8 for menu.\", 60"));
        Assert.Equal("Press F8 for menu.", prompt.Prompt);
        Assert.Equal(60, prompt.Timeout);
    }

    [Fact]
    public void Tftp_settings_and_options_are_typed()
    {
        Assert.Equal("/srv/tftp", Assert.IsType<TftpRootDirective>(DnsmasqText.One("tftp-root=/srv/tftp")).Path);
        Assert.Empty(Assert.IsType<EnableTftpDirective>(DnsmasqText.One("enable-tftp")).Interfaces);

        var option = Assert.IsType<DhcpOptionDirective>(DnsmasqText.One("dhcp-option-force=tag:lab,option:ntp-server,10.0.0.1,10.0.0.2"));
        Assert.Equal(42, option.Code);
        Assert.True(option.Force);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], option.Values.Select(v => v.Text));
        Assert.Empty(Assert.IsType<DhcpOptionDirective>(DnsmasqText.One("dhcp-option=3")).Values);
        Assert.IsType<NotMappedDirective>(DnsmasqText.One("dhcp-option=option6:dns-server,[::]"));
        Assert.IsType<NotMappedDirective>(DnsmasqText.One("dhcp-option=encap:175,8,1"));
        Assert.IsType<NotMappedDirective>(DnsmasqText.One("dhcp-option=option:no-such-option,1"));
        var domain = Assert.IsType<DhcpOptionDirective>(DnsmasqText.One("domain=lab.example"));
        Assert.Equal((15, "lab.example"), (domain.Code, Assert.Single(domain.Values).Text));
        Assert.IsType<NotMappedDirective>(DnsmasqText.One("domain=lab.example,10.0.0.0/24"));
    }

    [Fact]
    public void Settings_that_ask_for_what_pxekit_does_need_nothing_and_others_say_why_not()
    {
        Assert.IsType<AlreadySoDirective>(DnsmasqText.One("bind-interfaces"));
        Assert.IsType<AlreadySoDirective>(DnsmasqText.One("port=0"));
        Assert.Contains("DNS", Assert.IsType<NotMappedDirective>(DnsmasqText.One("port=53")).Reason, StringComparison.Ordinal);
        Assert.Contains("SQLite", Assert.IsType<NotMappedDirective>(DnsmasqText.One("dhcp-leasefile=/var/lib/misc/dnsmasq.leases")).Reason, StringComparison.Ordinal);
        Assert.Equal(DnsmasqSetting.TftpMax, Assert.IsType<SettingDirective>(DnsmasqText.One("tftp-max=100")).Setting);
    }
}
