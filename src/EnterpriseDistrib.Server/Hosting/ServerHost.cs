using System.Text.Json.Serialization;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.ControlPlane.Grains;
using EnterpriseDistrib.Server.Api;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tracker;
using EnterpriseDistrib.Server.Origin;
using Scalar.AspNetCore;

namespace EnterpriseDistrib.Server.Hosting;

/// <summary>
/// Builds the one-process control plane: catalog, Orleans silo, auth, REST API, OpenAPI and health.
/// Shared by <c>Program</c> and <c>edist server</c>.
/// </summary>
public static class ServerHost
{
    /// <summary>Builds the application; <paramref name="contentRoot"/> locates appsettings*.json when not the working directory.</summary>
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = contentRoot is null
            ? WebApplication.CreateBuilder(args)
            : WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());

        var catalog = CatalogOptions.FromConfiguration(builder.Configuration);
        services.AddCatalog(catalog);
        // Registered before the silo so the schema exists before any grain reads it.
        services.AddHostedService<CatalogStartup>();
        builder.AddControlPlaneSilo(catalog.Provider == CatalogProvider.PostgreSql ? catalog.ConnectionString : null);
        builder.AddControlPlaneAuth();
        services.AddControlPlaneHealth();
        services.AddControlPlaneApi();
        services.AddControlPlaneGrains(builder.Configuration);
        services.AddOrigin(builder.Configuration);
        services.AddTracker(builder.Configuration);
        services.AddHostedService<RolloutClock>();

        var app = builder.Build();
        app.UseTracker();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapControlPlaneHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapControlPlaneApi();
        app.MapTracker();
        app.MapOrigin();
        if (app.Configuration.GetValue("Auth:Mode", AuthMode.EntraId) == AuthMode.Development)
        {
            app.MapDevelopmentTokenEndpoint();
        }

        return app;
    }
}
