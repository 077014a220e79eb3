namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>Names of the rules <see cref="BencodeException"/> reports, stable so callers and tests can match on them.</summary>
public static class BencodeRules
{
    public const string Invalid = "invalid";
    public const string Truncated = "truncated";
    public const string UnexpectedByte = "unexpected-byte";
    public const string TrailingBytes = "trailing-bytes";
    public const string IntegerEmpty = "integer-empty";
    public const string IntegerLeadingZero = "integer-leading-zero";
    public const string IntegerNegativeZero = "integer-negative-zero";
    public const string IntegerOverflow = "integer-overflow";
    public const string StringLengthLeadingZero = "string-length-leading-zero";
    public const string StringLengthExceedsInput = "string-length-exceeds-input";
    public const string StringTooLong = "string-too-long";
    public const string DictionaryKeyNotString = "dictionary-key-not-string";
    public const string DictionaryKeysUnsorted = "dictionary-keys-unsorted";
    public const string DictionaryKeyDuplicate = "dictionary-key-duplicate";
    public const string DictionaryMissingValue = "dictionary-missing-value";
    public const string TooDeep = "too-deep";
    public const string TooManyItems = "too-many-items";
    public const string WrongType = "wrong-type";
    public const string InvalidUtf8 = "invalid-utf8";
}
