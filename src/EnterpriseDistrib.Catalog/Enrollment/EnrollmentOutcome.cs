using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Catalog.Enrollment;

/// <summary>The result of redeeming a token: the new agent when <see cref="Result"/> is Enrolled.</summary>
public sealed record EnrollmentOutcome(EnrollmentResult Result, Agent? Agent)
{
    public bool Succeeded => Result == EnrollmentResult.Enrolled;
}
