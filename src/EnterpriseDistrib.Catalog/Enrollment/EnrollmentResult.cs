namespace EnterpriseDistrib.Catalog.Enrollment;

/// <summary>Why an enrollment did or did not happen.</summary>
public enum EnrollmentResult
{
    Enrolled = 1,
    UnknownToken = 2,
    TokenExpired = 3,
    TokenRevoked = 4,
    TokenUsedUp = 5,
}
