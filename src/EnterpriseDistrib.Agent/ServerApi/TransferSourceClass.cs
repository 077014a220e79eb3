namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Where received bytes came from, as the server classifies sources.</summary>
public enum TransferSourceClass
{
    SameSite = 1,
    OtherSite = 2,
    Origin = 3,
}
