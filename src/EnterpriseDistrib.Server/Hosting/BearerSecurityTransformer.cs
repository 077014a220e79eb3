using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EnterpriseDistrib.Server.Hosting;

/// <summary>Declares the bearer scheme in the OpenAPI document so the browsable UI can send tokens.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Admins: an Entra ID access token (or POST /dev/token in development mode). Agents: their credential.",
        };
        document.Info.Title = "EnterpriseDistrib control plane";
        document.Info.Description = "Sites, office groups, enrollment, agents, packages and rollouts; the agent protocol.";
        return Task.CompletedTask;
    }
}
