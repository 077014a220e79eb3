using System.Text.Json;

namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>Prints the rollout's progress per office whenever it changes, and says when every agent has finished.</summary>
internal sealed class LabProgressView(int expectedAgents)
{
    private static readonly string[] FinishedStates = ["Succeeded", "SucceededRebootRequired", "Failed", "Skipped"];
    private string _last = "";

    /// <summary>Shows <paramref name="progress"/> (the API's rollout progress) and returns whether the rollout is over.</summary>
    public bool Show(JsonElement progress, TimeSpan elapsed)
    {
        var lines = progress.GetProperty("sites").EnumerateArray()
            .Select(site => (Name: site.GetProperty("siteName").GetString() ?? "(no site)", States: States(site)))
            .OrderBy(site => site.Name, StringComparer.Ordinal)
            .Select(site => $"  {site.Name,-12} {Count(site.States, "Succeeded", "SucceededRebootRequired"),3} installed  " +
                $"{Count(site.States, "Downloading", "Downloaded", "Installing", "Pending"),3} in progress  {Count(site.States, "Failed"),3} failed  {Count(site.States, "Skipped"),3} skipped")
            .ToList();
        var text = string.Join(Environment.NewLine, lines);
        if (text != _last)
        {
            Console.WriteLine($"[{elapsed:mm\\:ss}] rollout {progress.GetProperty("status").GetString()}");
            Console.WriteLine(text);
            _last = text;
        }

        var states = States(progress);
        var finished = FinishedStates.Sum(state => states.GetValueOrDefault(state));
        var status = progress.GetProperty("status").GetString();
        return finished >= expectedAgents || status is "Completed" or "Halted" or "Cancelled";
    }

    private static Dictionary<string, int> States(JsonElement element) =>
        element.GetProperty("states").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);

    private static int Count(Dictionary<string, int> states, params string[] names) => names.Sum(name => states.GetValueOrDefault(name));
}
