using EnterpriseDistrib.Benchmarks;

// Dispatch on the first argument to one IBenchmark found in this assembly.
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Verb, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Verb == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project tests/EnterpriseDistrib.Benchmarks -- VERB [--option value ...]");
    foreach (var benchmark in benchmarks)
    {
        Console.Error.WriteLine($"  {benchmark.Verb,-12} {benchmark.Summary}");
    }

    return 1;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await chosen.RunAsync(args[1..], cancel.Token);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
