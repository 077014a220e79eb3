using EnterpriseDistrib.Catalog.Errors;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Turns the catalog's typed refusals into problem details: conflicts 409, unknown references 400.</summary>
internal sealed class CatalogErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (CatalogConcurrencyException exception)
        {
            return ApiProblems.Conflict("Changed by someone else", exception.Message);
        }
        catch (CatalogConflictException exception)
        {
            return ApiProblems.Conflict("Conflicts with an existing item", exception.Message);
        }
        catch (CatalogReferenceException exception)
        {
            return ApiProblems.BadRequest("Refers to something that does not exist", exception.Message);
        }
    }
}
