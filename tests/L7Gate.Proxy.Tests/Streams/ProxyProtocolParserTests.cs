using System.Net;
using System.Text;
using L7Gate.Proxy.Streams.Configuration;
using L7Gate.Proxy.Streams.ProxyProtocol;

namespace L7Gate.Proxy.Tests.Streams;

public sealed class ProxyProtocolParserTests
{
    // v2 PROXY TCP4 192.0.2.7:40000 -> 192.0.2.1:6443, as HAProxy's send-proxy-v2 writes it (no TLVs).
    private static readonly byte[] GoldenV2 = Convert.FromHexString(
        "0D0A0D0A000D0A515549540A" + "21" + "11" + "000C" + "C0000207" + "C0000201" + "9C40" + "192B");

    [Fact]
    public void TryParse_GoldenV2_ReadsAddresses()
    {
        var status = ProxyProtocolParser.TryParse(GoldenV2.Concat("hello"u8.ToArray()).ToArray(), out var header, out var consumed, out var reason);

        Assert.Equal(ProxyProtocolParseStatus.Complete, status);
        Assert.Null(reason);
        Assert.Equal(28, consumed);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000), header!.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 6443), header.Destination);
    }

    [Fact]
    public void Write_V2Ipv4_EqualsGoldenBytes()
    {
        var bytes = ProxyProtocolWriter.Write(ProxyProtocolVersion.V2,
            new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000), new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.1"), 6443));

        Assert.Equal(GoldenV2, bytes);
    }

    [Fact]
    public void Write_V2Ipv6_RoundTrips()
    {
        var source = new IPEndPoint(IPAddress.Parse("2001:db8::7"), 1234);
        var destination = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 6443);

        var status = ProxyProtocolParser.TryParse(ProxyProtocolWriter.Write(ProxyProtocolVersion.V2, source, destination), out var header, out var consumed, out _);

        Assert.Equal(ProxyProtocolParseStatus.Complete, status);
        Assert.Equal(16 + 36, consumed);
        Assert.Equal(source, header!.Source);
        Assert.Equal(destination, header.Destination);
    }

    [Fact]
    public void TryParse_V1Tcp4_ReadsAddressesAndConsumesLine()
    {
        var data = "PROXY TCP4 192.0.2.7 192.0.2.1 40000 6443\r\nGET /"u8.ToArray();

        var status = ProxyProtocolParser.TryParse(data, out var header, out var consumed, out _);

        Assert.Equal(ProxyProtocolParseStatus.Complete, status);
        Assert.Equal(data.Length - 5, consumed);
        Assert.Equal(1, header!.Version);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000), header.Source);
    }

    [Fact]
    public void Write_V1_IsHaproxyText()
    {
        var bytes = ProxyProtocolWriter.Write(ProxyProtocolVersion.V1,
            new IPEndPoint(IPAddress.Parse("2001:db8::7"), 1), new IPEndPoint(IPAddress.Parse("2001:db8::1"), 2));

        Assert.Equal("PROXY TCP6 2001:db8::7 2001:db8::1 1 2\r\n", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void TryParse_V1Unknown_CompleteWithoutAddresses()
    {
        var status = ProxyProtocolParser.TryParse("PROXY UNKNOWN\r\n"u8, out var header, out var consumed, out _);

        Assert.Equal(ProxyProtocolParseStatus.Complete, status);
        Assert.Equal(15, consumed);
        Assert.Null(header!.Source);
    }

    [Fact]
    public void TryParse_V2Local_CompleteWithoutAddresses()
    {
        var local = ProxyProtocolWriter.Write(ProxyProtocolVersion.V2, null, null);

        var status = ProxyProtocolParser.TryParse(local, out var header, out var consumed, out _);

        Assert.Equal(ProxyProtocolParseStatus.Complete, status);
        Assert.Equal(16, consumed);
        Assert.Null(header!.Source);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(20)]
    [InlineData(27)]
    public void TryParse_TruncatedV2_NeedsMoreData(int length)
    {
        Assert.Equal(ProxyProtocolParseStatus.NeedMoreData, ProxyProtocolParser.TryParse(GoldenV2.AsSpan(0, length), out _, out _, out _));
    }

    [Theory]
    [InlineData("PROXY TCP4 192.0.2.7 192.0.2.1 40000\r\n")]
    [InlineData("PROXY TCP4 2001:db8::1 192.0.2.1 1 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2.7 192.0.2.1 70000 1\r\n")]
    [InlineData("PROXY TCP4 192.0.2.7 192.0.2.1 01 1\r\n")]
    [InlineData("PROXY UDP4 192.0.2.7 192.0.2.1 1 1\r\n")]
    [InlineData("PROXZ TCP4 192.0.2.7 192.0.2.1 1 1\r\n")]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    public void TryParse_MalformedV1_ReasonNotException(string text)
    {
        var status = ProxyProtocolParser.TryParse(Encoding.ASCII.GetBytes(text), out var header, out var consumed, out var reason);

        Assert.Equal(ProxyProtocolParseStatus.Malformed, status);
        Assert.Null(header);
        Assert.Equal(0, consumed);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void TryParse_V1WithoutCrlfWithin107Bytes_Malformed()
    {
        var text = "PROXY TCP4 " + new string('1', 120);

        Assert.Equal(ProxyProtocolParseStatus.Malformed, ProxyProtocolParser.TryParse(Encoding.ASCII.GetBytes(text), out _, out _, out _));
    }

    [Theory]
    [InlineData(12, 0x11)] // version 1 in the v2 format
    [InlineData(12, 0x2F)] // command 15
    [InlineData(15, 0x04)] // length 4: too short for IPv4 addresses
    [InlineData(3, 0x00)]  // broken signature
    public void TryParse_MalformedV2_ReasonNotException(int offset, byte value)
    {
        var bytes = GoldenV2.ToArray();
        bytes[offset] = value;

        var status = ProxyProtocolParser.TryParse(bytes, out _, out _, out var reason);

        Assert.Equal(ProxyProtocolParseStatus.Malformed, status);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (bytes.Length > 13 && i % 2 == 0)
            {
                GoldenV2.AsSpan(0, 12).CopyTo(bytes);
            }

            _ = ProxyProtocolParser.TryParse(bytes, out _, out _, out _);
        }
    }
}
