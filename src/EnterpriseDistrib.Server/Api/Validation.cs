namespace EnterpriseDistrib.Server.Api;

/// <summary>Collects input errors per field so one response lists everything the caller must fix.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no error was recorded.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Records an error on <paramref name="field"/>.</summary>
    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    /// <summary>Records <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public Validation Check(bool condition, string field, string message) => condition ? this : Add(field, message);

    /// <summary>Requires a non-blank string of at most <paramref name="maxLength"/> characters.</summary>
    public Validation Text(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, $"{field} is required.") : this;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters (got {value.Length}).");
        }

        if (value.Any(char.IsControl))
        {
            Add(field, $"{field} must not contain control characters.");
        }

        return this;
    }

    /// <summary>The errors in the shape of <c>ValidationProblemDetails.Errors</c>.</summary>
    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
