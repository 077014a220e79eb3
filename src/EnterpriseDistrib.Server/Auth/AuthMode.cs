namespace EnterpriseDistrib.Server.Auth;

/// <summary>Who issues the admin tokens this server accepts.</summary>
public enum AuthMode
{
    /// <summary>Microsoft Entra ID through Microsoft.Identity.Web (the <c>AzureAd</c> section).</summary>
    EntraId,

    /// <summary>
    /// The single-box development issuer: the server mints its own tokens at <c>POST /dev/token</c>.
    /// Refuses to start unless every listening address is loopback.
    /// </summary>
    Development,
}
