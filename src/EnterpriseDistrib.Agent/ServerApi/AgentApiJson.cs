using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>The server's JSON conventions: camelCase names, enums by name.</summary>
public static class AgentApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
