using EnterpriseDistrib.Torrent.Bencoding;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EnterpriseDistrib.Torrent.Tests.Bencoding;

public sealed class BencodePropertyTests
{
    [Property(MaxTest = 300)]
    public Property Random_values_round_trip_through_encoder_and_strict_decoder() =>
        Prop.ForAll(Arb.From(BencodeGenerators.Value()), value =>
        {
            var bytes = BencodeEncoder.Encode(value);
            var decoded = BencodeDecoder.Decode(bytes);
            return BencodeEncoder.Encode(decoded).AsSpan().SequenceEqual(bytes) && decoded.Raw.Span.SequenceEqual(bytes);
        });

    [Property(MaxTest = 500)]
    public Property Random_mutations_of_valid_bencode_only_ever_throw_bencode_exceptions() =>
        Prop.ForAll(
            Arb.From(BencodeGenerators.Value()),
            Arb.From(Gen.Choose(0, int.MaxValue)),
            Arb.From(Gen.Choose(0, 255)),
            (value, where, newByte) =>
            {
                var bytes = BencodeEncoder.Encode(value);
                bytes[where % bytes.Length] = (byte)newByte;
                try
                {
                    var decoded = BencodeDecoder.Decode(bytes);
                    return BencodeEncoder.Encode(decoded).AsSpan().SequenceEqual(bytes);
                }
                catch (BencodeException)
                {
                    return true;
                }
            });

    [Property(MaxTest = 300)]
    public Property Every_strict_prefix_of_a_value_is_rejected_as_truncated_or_trailing() =>
        Prop.ForAll(Arb.From(BencodeGenerators.Value()), Arb.From(Gen.Choose(0, int.MaxValue)), (value, cut) =>
        {
            var bytes = BencodeEncoder.Encode(value);
            var length = cut % bytes.Length;
            try
            {
                BencodeDecoder.Decode(bytes.AsMemory(0, length));
                return false;
            }
            catch (BencodeException)
            {
                return true;
            }
        });
}

/// <summary>FsCheck generators of arbitrary bencode values, nested to a bounded depth.</summary>
internal static class BencodeGenerators
{
    public static Gen<BencodeValue> Value() => Gen.Sized(size => Value(Math.Min(size, 40), 4));

    private static Gen<BencodeValue> Value(int size, int depth)
    {
        var integer = ArbMap.Default.GeneratorFor<long>().Select(value => (BencodeValue)BencodeInteger.From(value));
        var text = Bytes(size).Select(bytes => (BencodeValue)BencodeString.From(bytes));
        if (depth == 0 || size <= 1)
        {
            return Gen.OneOf(integer, text);
        }

        var child = Value(size / 3, depth - 1);
        var list = Gen.Choose(0, 5).SelectMany(count => child.ListOf(count)).Select(items => (BencodeValue)BencodeList.From(items));
        var dictionary = Gen.Choose(0, 5)
            .SelectMany(count => Gen.Zip(Bytes(8), child).ListOf(count))
            .Select(entries => (BencodeValue)BencodeDictionary.From(
                entries
                    .DistinctBy(entry => Convert.ToHexString(entry.Item1))
                    .Select(entry => KeyValuePair.Create(BencodeString.From(entry.Item1), entry.Item2))));
        return Gen.OneOf(integer, text, list, dictionary);
    }

    private static Gen<byte[]> Bytes(int maxLength) =>
        Gen.Choose(0, Math.Max(0, maxLength)).SelectMany(length => Gen.Choose(0, 255).Select(value => (byte)value).ArrayOf(length));
}
