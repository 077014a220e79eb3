namespace EnterpriseDistrib.Server.Tests.Auth;

/// <summary>Who may call an endpoint.</summary>
public enum Access
{
    Read,
    Publish,
    Administer,
    Agent,
    Anonymous,
}

/// <summary>
/// One API endpoint of the role matrix: its route as mapped, who may call it, the status an allowed caller
/// gets, and how to build a request that succeeds (creating what it needs first).
/// </summary>
internal sealed record EndpointCase(
    string Method,
    string Route,
    Access Access,
    int SuccessStatus,
    Func<MatrixContext, Task<HttpRequestMessage>> Build)
{
    public string Name => $"{Method} {Route}";
}
