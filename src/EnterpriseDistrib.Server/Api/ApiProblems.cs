using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary>RFC 7807 answers with a message a person can act on.</summary>
public static class ApiProblems
{
    /// <summary>400 listing every invalid field.</summary>
    public static ValidationProblem Invalid(Validation validation) =>
        TypedResults.ValidationProblem(validation.Errors, title: "The request has invalid fields", detail: "Fix the fields listed in 'errors' and send the request again.");

    /// <summary>404 naming what was not found.</summary>
    public static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem(title: $"{what} not found", detail: $"No {what.ToLowerInvariant()} has id {id}; list them to find the right id.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>409 with the reason.</summary>
    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>400 that is not about one field.</summary>
    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
