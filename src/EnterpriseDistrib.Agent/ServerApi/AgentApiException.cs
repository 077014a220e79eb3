namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>A server API call that did not succeed; the subclass says whether retrying can help.</summary>
public abstract class AgentApiException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The server does not accept this agent's credential (401): the agent was revoked, deleted or never enrolled
/// there. Retrying cannot help; the agent stops and a person must enroll it again.
/// </summary>
public sealed class AgentNotAuthorizedException(string detail)
    : AgentApiException($"The server refused this agent's credential ({detail}). Enroll again: edist-agent enroll --server <url> --token <new token>.");

/// <summary>The server refused an enrollment token (unknown, expired, revoked or used up).</summary>
public sealed class EnrollmentRefusedException(int statusCode, string title, string detail)
    : AgentApiException($"Enrollment refused: {title}. {detail}")
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}

/// <summary>The server answered that the request itself is wrong (4xx other than 401); resending it as is would fail again.</summary>
public sealed class ServerRejectedException(int statusCode, string title, string detail, IReadOnlyDictionary<string, string[]> errors)
    : AgentApiException($"The server rejected the request ({statusCode} {title}): {detail}")
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    /// <summary>Validation errors by field (for example <c>reports[3].state</c>), empty when none were given.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>No server in the list answered usefully (network errors, timeouts, 5xx) within the allowed attempts.</summary>
public sealed class ServerUnavailableException(string message, Exception? inner)
    : AgentApiException(message, inner);
