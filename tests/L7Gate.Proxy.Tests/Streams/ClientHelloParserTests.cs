using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using L7Gate.Proxy.Streams.Tls;

namespace L7Gate.Proxy.Tests.Streams;

public sealed class ClientHelloParserTests
{
    [Fact]
    public void TryParse_HandBuiltClientHello_ReadsServerName()
    {
        var status = ClientHelloParser.TryParse(ClientHello("API.Example.com"), out var name, out var reason);

        Assert.Equal(ClientHelloParseStatus.Complete, status);
        Assert.Null(reason);
        Assert.Equal("api.example.com", name);
    }

    // `openssl s_client -servername kube.example.test` (OpenSSL 3.0), first flight as captured on the wire.
    private static readonly byte[] OpenSslClientHello = Convert.FromHexString(
        "160301013e0100013a030316ddfb01652e909d89e6fbbc0d7e912aa40e45ce09bfffeb317016974ede843020e139b361" +
        "078f2a0d93c4dd079a1658cba500d999e3d8a7fd2a993408f3a91a9f003e130213031301c02cc030009fcca9cca8ccaa" +
        "c02bc02f009ec024c028006bc023c0270067c00ac0140039c009c0130033009d009c003d003c0035002f00ff010000b3" +
        "0000001600140000116b7562652e6578616d706c652e74657374000b000403000102000a00160014001d0017001e0019" +
        "001801000101010201030104002300000016000000170000000d002a0028040305030603080708080809080a080b0804" +
        "08050806040105010601030303010302040205020602002b0009080304030303020301002d0002010100330026002400" +
        "1d002040d51f388be2f142c54b0f00d532a2ce87a5b27a9ff422b1c22a31a8ae036425");

    [Fact]
    public void TryParse_OpenSslGoldenClientHello_ReadsServerName()
    {
        var status = ClientHelloParser.TryParse(OpenSslClientHello, out var name, out _);

        Assert.Equal(ClientHelloParseStatus.Complete, status);
        Assert.Equal("kube.example.test", name);
    }

    [Fact]
    public void TryParse_OpenSslGoldenTruncated_NeedsMoreData() =>
        Assert.Equal(ClientHelloParseStatus.NeedMoreData, ClientHelloParser.TryParse(OpenSslClientHello.AsSpan(0, 200), out _, out _));

    [Fact]
    public void TryParse_NoServerNameExtension_CompleteWithoutName()
    {
        var status = ClientHelloParser.TryParse(ClientHello(null), out var name, out _);

        Assert.Equal(ClientHelloParseStatus.Complete, status);
        Assert.Null(name);
    }

    [Fact]
    public void TryParse_SplitAcrossTwoRecords_Joined()
    {
        var single = ClientHello("split.example.com");
        var handshake = single.AsSpan(5).ToArray();
        var first = handshake.AsSpan(0, 20).ToArray();
        var second = handshake.AsSpan(20).ToArray();
        var twoRecords = Record(first).Concat(Record(second)).ToArray();

        var status = ClientHelloParser.TryParse(twoRecords, out var name, out _);

        Assert.Equal(ClientHelloParseStatus.Complete, status);
        Assert.Equal("split.example.com", name);
    }

    [Fact]
    public void TryParse_EveryPrefix_NeedsMoreDataNeverThrows()
    {
        var bytes = ClientHello("prefix.example.com");
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(ClientHelloParseStatus.NeedMoreData, ClientHelloParser.TryParse(bytes.AsSpan(0, length), out _, out _));
        }
    }

    [Fact]
    public void TryParse_PlainHttp_NotTls()
    {
        var status = ClientHelloParser.TryParse("GET / HTTP/1.1\r\n"u8, out var name, out var reason);

        Assert.Equal(ClientHelloParseStatus.NotTls, status);
        Assert.Null(name);
        Assert.NotNull(reason);
    }

    [Theory]
    [InlineData(1, 0x02)]  // record version 2.x
    [InlineData(5, 0x02)]  // handshake type ServerHello
    [InlineData(43, 0xFF)] // session id length past the end
    public void TryParse_CorruptedField_MalformedWithReason(int offset, byte value)
    {
        var bytes = ClientHello("x.example.com");
        bytes[offset] = value;

        var status = ClientHelloParser.TryParse(bytes, out _, out var reason);

        Assert.Equal(ClientHelloParseStatus.Malformed, status);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void TryParse_HandshakeLargerThanLimit_Malformed()
    {
        var bytes = ClientHello("x.example.com");
        bytes[6] = 0x01; // handshake length ≥ 64 KiB

        Assert.Equal(ClientHelloParseStatus.Malformed, ClientHelloParser.TryParse(bytes, out _, out var reason));
        Assert.Contains("limit", reason);
    }

    [Fact]
    public void TryParse_ServerNameWithControlByte_Malformed()
    {
        var bytes = ClientHello("bad.example.com");
        var at = bytes.AsSpan().IndexOf("bad"u8);
        bytes[at] = 0x07;

        Assert.Equal(ClientHelloParseStatus.Malformed, ClientHelloParser.TryParse(bytes, out _, out _));
    }

    [Fact]
    public void TryParse_RandomMutations_NeverThrow()
    {
        var random = new Random(7);
        var original = ClientHello("fuzz.example.com");
        for (var i = 0; i < 5000; i++)
        {
            var bytes = original.ToArray();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            _ = ClientHelloParser.TryParse(bytes.AsSpan(0, random.Next(bytes.Length + 1)), out _, out _);
        }
    }

    // A TLS 1.2-style ClientHello: one cipher suite, null compression, optional server_name.
    internal static byte[] ClientHello(string? serverName)
    {
        var extensions = new List<byte>();
        if (serverName is not null)
        {
            var name = Encoding.ASCII.GetBytes(serverName);
            var entry = new List<byte> { 0 };
            entry.AddRange(U16(name.Length));
            entry.AddRange(name);
            var list = U16(entry.Count).Concat(entry).ToList();
            extensions.AddRange(U16(0));
            extensions.AddRange(U16(list.Count));
            extensions.AddRange(list);
        }

        // supported_groups, so the server_name is not the only extension
        extensions.AddRange(new byte[] { 0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x1d });

        var body = new List<byte> { 0x03, 0x03 };
        body.AddRange(new byte[32]);
        body.Add(0); // session id
        body.AddRange(new byte[] { 0x00, 0x02, 0x13, 0x01 });
        body.AddRange(new byte[] { 0x01, 0x00 });
        body.AddRange(U16(extensions.Count));
        body.AddRange(extensions);

        var handshake = new List<byte> { 1, 0, (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        return Record(handshake.ToArray());
    }

    private static byte[] Record(byte[] fragment) =>
        new byte[] { 22, 3, 1 }.Concat(U16(fragment.Length)).Concat(fragment).ToArray();

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }
}
