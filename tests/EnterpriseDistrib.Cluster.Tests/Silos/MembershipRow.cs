namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>One row of <c>orleans_membership</c> as the tests look at it.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, string SiloName, int Status, int? ProxyPort)
{
    /// <summary>Orleans' SiloStatus.Active.</summary>
    public const int Active = 3;

    /// <summary>Orleans' SiloStatus.Dead.</summary>
    public const int Dead = 6;

    public override string ToString() => $"{SiloName}@{Address}:{Port}/{Generation}={Status}";
}
