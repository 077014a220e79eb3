using System.Globalization;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>The automatic brake: halt when a wave's failure rate passes the rollout's threshold.</summary>
public static class FailureThreshold
{
    /// <summary>
    /// Halts when at least <paramref name="minimumSample"/> installs of the wave finished (at least one) and
    /// failed / finished is strictly above <paramref name="threshold"/> (0..1). Waiting for a sample keeps one
    /// early failure from stopping a rollout of thousands.
    /// </summary>
    public static HaltDecision Evaluate(WaveOutcome outcome, double threshold, int minimumSample, int waveOrdinal)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var sample = Math.Max(1, minimumSample);
        var wave = $"Wave {waveOrdinal + 1}";
        if (outcome.Finished < sample)
        {
            return new HaltDecision(false, $"{wave}: {outcome.Finished} of the {sample} finished installs needed to judge the failure rate.");
        }

        var rate = outcome.FailureRate;
        var halt = rate > threshold;
        var comparison = halt ? "above" : "within";
        return new HaltDecision(halt,
            $"{wave}: {outcome.Failed} of {outcome.Finished} finished installs failed ({Percent(rate)}), {comparison} the {Percent(threshold)} threshold.");
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
