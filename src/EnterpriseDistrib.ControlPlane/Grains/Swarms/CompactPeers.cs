using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.ControlPlane.Policies.Swarms;

namespace EnterpriseDistrib.ControlPlane.Grains.Swarms;

/// <summary>Peers in the tracker's compact wire form: BEP 23 (4-byte address, 2-byte port) and BEP 7 (16 + 2), big-endian.</summary>
internal static class CompactPeers
{
    public static (byte[] Peers4, byte[] Peers6) Encode(ImmutableArray<HandedPeer> peers)
    {
        var count4 = 0;
        foreach (var peer in peers)
        {
            count4 += Is4(peer.EndPoint.Address) ? 1 : 0;
        }

        var peers4 = count4 == 0 ? [] : new byte[count4 * 6];
        var peers6 = peers.Length == count4 ? [] : new byte[(peers.Length - count4) * 18];
        int at4 = 0, at6 = 0;
        foreach (var peer in peers)
        {
            var address = peer.EndPoint.Address;
            if (Is4(address))
            {
                (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).TryWriteBytes(peers4.AsSpan(at4, 4), out _);
                BinaryPrimitives.WriteUInt16BigEndian(peers4.AsSpan(at4 + 4, 2), (ushort)peer.EndPoint.Port);
                at4 += 6;
            }
            else
            {
                address.TryWriteBytes(peers6.AsSpan(at6, 16), out _);
                BinaryPrimitives.WriteUInt16BigEndian(peers6.AsSpan(at6 + 16, 2), (ushort)peer.EndPoint.Port);
                at6 += 18;
            }
        }

        return (peers4, peers6);
    }

    private static bool Is4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6;
}
