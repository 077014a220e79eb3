namespace EnterpriseDistrib.Benchmarks;

/// <summary>
/// One benchmark, run as <c>dotnet run -c Release --project tests/EnterpriseDistrib.Benchmarks -- VERB [options]</c>.
/// Implementations are found by reflection, so a new benchmark is one new folder and no edit elsewhere.
/// </summary>
internal interface IBenchmark
{
    /// <summary>The first command-line argument that selects this benchmark.</summary>
    string Verb { get; }

    /// <summary>One line for the usage listing: what is measured against what.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the verb; returns 0 when the target is met, 2 when missed, 1 on bad usage.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
