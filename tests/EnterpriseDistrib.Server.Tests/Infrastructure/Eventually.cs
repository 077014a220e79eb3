namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>Waits for a condition the server reaches on its own (a one-way grain call), with a deadline.</summary>
internal static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var last = await read();
        while (!done(last))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}; last value: {last}");
            }

            last = await read();
        }

        return last;
    }
}
