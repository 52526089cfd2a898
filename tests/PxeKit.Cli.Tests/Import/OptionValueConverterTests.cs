using PxeKit.Cli.Import;

namespace PxeKit.Cli.Tests.Import;

public sealed class OptionValueConverterTests
{
    [Theory]
    [InlineData("42", "10.0.0.1,10.0.0.2", "addresses", "10.0.0.1|10.0.0.2")]
    [InlineData("1", "255.255.255.0", "address", "255.255.255.0")]
    [InlineData("26", "1500", "uint16", "1500")]
    [InlineData("23", "64", "uint8", "64")]
    [InlineData("2", "3600", "int32", "3600")]
    [InlineData("19", "1", "bool", "true")]
    [InlineData("15", "\"lab.example\"", "string", "lab.example")]
    [InlineData("17", "/srv/nfs,ro", "string", "/srv/nfs,ro")]
    [InlineData("119", "lab.example,example.org.", "domains", "lab.example|example.org")]
    [InlineData("224", "01:02:0a", "hex", "01:02:0a")]
    [InlineData("224", "10.0.0.1,300", "hex", "0a:00:00:01:01:2c")]
    [InlineData("224", "\"ab\"", "hex", "61:62")]
    public void A_value_gets_its_option_type_and_the_values_of_that_type(string code, string value, string type, string values)
    {
        Assert.True(OptionValueConverter.TryConvert(byte.Parse(code, System.Globalization.CultureInfo.InvariantCulture), DnsmasqField.Split(value), false, out var option, out var why), why);

        Assert.Equal(type, option.TypeName);
        Assert.Equal(values.Split('|'), option.Values);
    }

    [Theory]
    [InlineData(42, "not-an-address")]
    [InlineData(26, "70000")]
    [InlineData(1, "10.0.0.1,10.0.0.2")]
    [InlineData(19, "maybe")]
    [InlineData(42, "0.0.0.0")]
    public void A_value_of_the_wrong_kind_says_what_the_option_takes(byte code, string value)
    {
        Assert.False(OptionValueConverter.TryConvert(code, DnsmasqField.Split(value), false, out _, out var why));
        Assert.Matches(value == "0.0.0.0" ? "^0.0.0.0 stands for dnsmasq's own address" : $"^option {code} is of type [a-z0-9]+: ", why);
    }
}
