using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>
/// An IPv4 or IPv6 network in CIDR form, parsed strictly: dotted-quad IPv4 only (no "10.1" shorthand, no
/// leading zeros that some parsers read as octal), no IPv6 zone ids, an explicit prefix length within the
/// family's width, and no host bits set ("10.1.2.3/16" is refused with the network it probably meant).
/// </summary>
public readonly record struct Cidr
{
    /// <summary>Longer input is refused before any parsing (the longest valid text is ~49 characters).</summary>
    public const int MaxTextLength = 64;

    private Cidr(AddressFamily family, UInt128 bits, int prefixLength)
    {
        Family = family;
        Bits = bits;
        PrefixLength = prefixLength;
    }

    public AddressFamily Family { get; }

    public int PrefixLength { get; }

    /// <summary>The network address as an unsigned number (IPv4 in the low 32 bits).</summary>
    internal UInt128 Bits { get; }

    internal int Width => Family == AddressFamily.InterNetwork ? 32 : 128;

    public IPAddress Network => ToAddress(Family, Bits);

    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr, out var error) ? cidr : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and how to write it.</summary>
    public static bool TryParse(string? text, out Cidr cidr, out string error)
    {
        cidr = default;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A range is empty; write it as address/prefix, e.g. 10.1.0.0/16 or 2001:db8::/48.";
            return false;
        }

        if (text.Length > MaxTextLength)
        {
            error = $"A range is {text.Length} characters long; a CIDR range is at most {MaxTextLength}.";
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"'{trimmed}' has no prefix length; write e.g. {trimmed}/32 for a single IPv4 host or {trimmed}/128 for IPv6.";
            return false;
        }

        var addressText = trimmed[..slash];
        var prefixText = trimmed[(slash + 1)..];
        if (!TryParseAddress(addressText, out var family, out var bits, out error))
        {
            return false;
        }

        var width = family == AddressFamily.InterNetwork ? 32 : 128;
        if (!TryParsePrefix(prefixText, width, out var prefix))
        {
            error = $"'{trimmed}' has prefix length '{prefixText}'; it must be a whole number from 0 to {width} for {(width == 32 ? "IPv4" : "IPv6")}.";
            return false;
        }

        var network = bits & Mask(prefix, width);
        if (network != bits)
        {
            error = $"'{trimmed}' has host bits set; the network of that prefix is {ToAddress(family, network)}/{prefix}.";
            return false;
        }

        cidr = new Cidr(family, network, prefix);
        return true;
    }

    /// <summary>The form every address is compared in: IPv4-mapped IPv6 (::ffff:10.1.2.3) as IPv4, without an IPv6 scope id.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }

    public bool Contains(IPAddress address)
    {
        var normalized = Normalize(address);
        return normalized.AddressFamily == Family && (ToBits(normalized) & Mask(PrefixLength, Width)) == Bits;
    }

    /// <summary>True when every address of <paramref name="other"/> is in this range (a range contains itself).</summary>
    public bool Contains(Cidr other) =>
        other.Family == Family && other.PrefixLength >= PrefixLength && (other.Bits & Mask(PrefixLength, Width)) == Bits;

    public override string ToString() => $"{Network}/{PrefixLength}";

    internal static UInt128 Mask(int prefix, int width) =>
        prefix == 0 ? UInt128.Zero : (UInt128.MaxValue << (128 - prefix)) >> (128 - width);

    internal static UInt128 ToBits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IPAddress ToAddress(AddressFamily family, UInt128 bits)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)bits);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, bits);
        return new IPAddress(v6);
    }

    private static bool TryParseAddress(string text, out AddressFamily family, out UInt128 bits, out string error)
    {
        family = AddressFamily.Unspecified;
        bits = UInt128.Zero;
        error = string.Empty;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal))
            {
                error = $"'{text}' carries an IPv6 zone id (%…); ranges are written without one.";
                return false;
            }

            if (!IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{text}' is not an IPv6 address.";
                return false;
            }

            if (v6.IsIPv4MappedToIPv6)
            {
                error = $"'{text}' is an IPv4-mapped IPv6 address; write the range in IPv4 form (e.g. {v6.MapToIPv4()}/…).";
                return false;
            }

            family = AddressFamily.InterNetworkV6;
            bits = ToBits(v6);
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4 || !parts.All(IsOctet))
        {
            error = $"'{text}' is not an IPv4 address in dotted-quad form (four numbers 0-255 without leading zeros, e.g. 10.1.0.0).";
            return false;
        }

        family = AddressFamily.InterNetwork;
        bits = parts.Aggregate(0u, (value, part) => (value << 8) | uint.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3 &&
        part.All(char.IsAsciiDigit) &&
        (part.Length == 1 || part[0] != '0') &&
        int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) <= 255;

    private static bool TryParsePrefix(string text, int width, out int prefix)
    {
        prefix = 0;
        if (text.Length is < 1 or > 3 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        prefix = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return prefix <= width;
    }
}
