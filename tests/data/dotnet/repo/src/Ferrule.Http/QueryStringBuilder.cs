using System.Globalization;
using System.Text;

namespace Ferrule.Http;

/// <summary>Builds query strings for generated typed clients.</summary>
public sealed class QueryStringBuilder
{
    private readonly StringBuilder _builder = new();

    /// <summary>Appends <c>name=value</c>, URL-encoded.</summary>
    public QueryStringBuilder Append(string name, object? value)
    {
        _builder.Append(_builder.Length == 0 ? '?' : '&');
        _builder.Append(Uri.EscapeDataString(name));
        _builder.Append('=');
        _builder.Append(Uri.EscapeDataString(Format(value)));
        return this;
    }

    /// <summary>Appends one <c>name=value</c> pair per element.</summary>
    public QueryStringBuilder AppendAll<T>(string name, IEnumerable<T>? values)
    {
        if (values is null)
        {
            return this;
        }

        foreach (var value in values)
        {
            Append(name, value);
        }

        return this;
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public override string ToString() => _builder.ToString();
}
