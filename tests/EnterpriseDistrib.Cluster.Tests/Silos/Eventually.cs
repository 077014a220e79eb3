namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>
/// Waits for a cluster-wide condition that has no event to await (a membership row, another silo's view),
/// checking it every 100 ms until a deadline.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A call during a membership change can fail (the target silo just left); the next try decides.
                last = default!;
                lastError = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {timeout}: {what}. Last value: {last}", lastError);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
