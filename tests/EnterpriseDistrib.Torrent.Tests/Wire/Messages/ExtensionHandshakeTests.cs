using System.Collections.Immutable;
using System.Text;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Tests.Wire.Messages;

public sealed class ExtensionHandshakeTests
{
    [Fact]
    public void Encodes_m_p_reqq_and_v_in_canonical_order()
    {
        var handshake = new ExtensionHandshake
        {
            Extensions = ImmutableDictionary<string, byte>.Empty.Add("ut_x", 2),
            ClientName = "EnterpriseDistrib 1.0",
            RequestQueueLength = 512,
            ListenPort = 6881,
        };

        Assert.Equal("d1:md4:ut_xi2ee1:pi6881e4:reqqi512e1:v21:EnterpriseDistrib 1.0e", Encoding.ASCII.GetString(handshake.Encode()));
    }

    [Fact]
    public void Decodes_a_peers_handshake_ignoring_unknown_keys_and_disabled_extensions()
    {
        var payload = "d1:ei0e1:md6:ut_pexi0e4:ut_xi3ee4:reqqi250e1:v14:Transmission 4e"u8.ToArray();

        var decoded = ExtensionHandshake.Decode(payload);

        Assert.Equal(3, decoded.Extensions["ut_x"]);
        Assert.False(decoded.Extensions.ContainsKey("ut_pex"));
        Assert.Equal(250, decoded.RequestQueueLength);
        Assert.Equal("Transmission 4", decoded.ClientName);
    }

    [Fact]
    public void A_payload_that_is_not_a_dictionary_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => ExtensionHandshake.Decode("i3e"u8.ToArray()));

    [Fact]
    public void A_client_name_that_is_not_a_string_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => ExtensionHandshake.Decode("d1:vi3ee"u8.ToArray()));
}
