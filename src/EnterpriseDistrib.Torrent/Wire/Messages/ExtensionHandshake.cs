using System.Buffers;
using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>
/// The BEP 10 extension handshake (extended message 0): the extensions the sender speaks with the ids
/// it wants to receive them under (<c>m</c>), its client name (<c>v</c>), how many outstanding requests
/// it queues (<c>reqq</c>) and its listen port (<c>p</c>). Later features add their names to <c>m</c>.
/// </summary>
public sealed record ExtensionHandshake
{
    public ImmutableDictionary<string, byte> Extensions { get; init; } = ImmutableDictionary<string, byte>.Empty;

    public string? ClientName { get; init; }

    public int? RequestQueueLength { get; init; }

    public int? ListenPort { get; init; }

    /// <summary>The bencoded dictionary, keys in canonical order as BEP 3 requires.</summary>
    public byte[] Encode()
    {
        var output = new ArrayBufferWriter<byte>(128);
        var writer = new BencodeWriter(output);
        writer.WriteStartDictionary();
        writer.WriteKey("m");
        writer.WriteStartDictionary();
        foreach (var (extension, id) in Extensions.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteKey(extension);
            writer.WriteInteger(id);
        }

        writer.WriteEnd();
        if (ListenPort is { } port)
        {
            writer.WriteKey("p");
            writer.WriteInteger(port);
        }

        if (RequestQueueLength is { } reqq)
        {
            writer.WriteKey("reqq");
            writer.WriteInteger(reqq);
        }

        if (ClientName is { } name)
        {
            writer.WriteKey("v");
            writer.WriteString(name);
        }

        writer.WriteEnd();
        return output.WrittenSpan.ToArray();
    }

    public ExtendedMessage ToMessage() => new(ExtendedMessage.HandshakeId, Encode());

    /// <summary>
    /// Reads a peer's handshake. BEP 10: unknown keys are ignored and an extension id of 0 means
    /// "disabled"; values of the wrong type or range are a violation.
    /// </summary>
    public static ExtensionHandshake Decode(ReadOnlyMemory<byte> payload)
    {
        BencodeDictionary dictionary;
        try
        {
            dictionary = BencodeDecoder.DecodeDictionary(payload, new BencodeLimits { MaxDepth = 8, MaxItems = 4096 });
        }
        catch (BencodeException e)
        {
            throw new ProtocolViolationException($"The extension handshake is not a bencoded dictionary: {e.Message}", e);
        }

        try
        {
            var extensions = ImmutableDictionary.CreateBuilder<string, byte>(StringComparer.Ordinal);
            if (dictionary.GetDictionary("m") is { } m)
            {
                foreach (var (key, value) in m)
                {
                    if (value is BencodeInteger { Value: > 0 and <= byte.MaxValue } id)
                    {
                        extensions[key.ToUtf8String()] = (byte)id.Value;
                    }
                }
            }

            return new ExtensionHandshake
            {
                Extensions = extensions.ToImmutable(),
                ClientName = dictionary.GetString("v")?.ToUtf8String(),
                RequestQueueLength = dictionary.GetInteger("reqq") is { } reqq ? (int)Math.Clamp(reqq, 0, int.MaxValue) : null,
                ListenPort = dictionary.GetInteger("p") is { } p and > 0 and <= ushort.MaxValue ? (int)p : null,
            };
        }
        catch (BencodeException e)
        {
            throw new ProtocolViolationException($"The extension handshake has a key of the wrong type: {e.Message}", e);
        }
    }
}
