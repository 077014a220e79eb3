namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>
/// A peer broke the wire protocol (a malformed or oversized frame, an out-of-range request, a flood);
/// it ends that one connection and nothing else.
/// </summary>
public sealed class ProtocolViolationException : Exception
{
    public ProtocolViolationException()
    {
    }

    public ProtocolViolationException(string message)
        : base(message)
    {
    }

    public ProtocolViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
