namespace EnterpriseDistrib.Cli.Terminal;

/// <summary>How a command reports a failure a person can act on: one line on standard error, a non-zero exit code.</summary>
internal static class CliErrors
{
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;

    public static int Fail(string message, int exitCode = UsageError)
    {
        Console.Error.WriteLine($"edist: {message}");
        return exitCode;
    }

    /// <summary>
    /// Errors whose message already tells a person what is wrong (bad input, missing files, refused
    /// access): shown as one line. Anything else is a bug and keeps its stack trace.
    /// </summary>
    public static bool IsUserFacing(Exception error) =>
        error is FormatException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException;
}
