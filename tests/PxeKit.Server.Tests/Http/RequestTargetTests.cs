using PxeKit.Server.Http;

namespace PxeKit.Server.Tests.Http;

public sealed class RequestTargetTests
{
    [Theory]
    [InlineData("/boot.ipxe", "/boot.ipxe")]
    [InlineData("/boot.ipxe?mac=52:54:00:12:34:56", "/boot.ipxe")]
    [InlineData("/a#frag", "/a")]
    [InlineData("/%2e%2e/x", "/../x")]                  // decoded once, dots kept for the jail to see
    [InlineData("/a%2Fb", "/a/b")]
    [InlineData("/a%5cb", "/a\\b")]
    [InlineData("/%252e", "/%2e")]                      // once: %25 becomes '%', not decoded again
    [InlineData("/a%00b", "/a\0b")]
    [InlineData("/a+b", "/a+b")]                        // '+' is a space only in form queries
    [InlineData("/%C3%A9", "/\u00C3\u00A9")]            // bytes as Latin-1, one character each
    [InlineData("http://host/x/y?z", "/x/y")]           // absolute-form
    [InlineData("HTTP://host:8080", "/")]
    public void Path_is_percent_decoded_exactly_once(string raw, string expected)
    {
        Assert.Equal(RequestTargetError.None, RequestTarget.TryGetPath(raw, out var path));
        Assert.Equal(expected, path);
    }

    [Theory]
    [InlineData("*", "UnsupportedForm")]
    [InlineData("host:80", "UnsupportedForm")]
    [InlineData("", "UnsupportedForm")]
    [InlineData("/a%2", "BadPercentEncoding")]
    [InlineData("/a%", "BadPercentEncoding")]
    [InlineData("/a%zz", "BadPercentEncoding")]
    [InlineData("/\u00e9", "NotAscii")]
    public void Unusable_targets_say_why(string raw, string expected)
    {
        Assert.Equal(Enum.Parse<RequestTargetError>(expected), RequestTarget.TryGetPath(raw, out _));
    }
}
