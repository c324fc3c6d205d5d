namespace JinaClip;

/// <summary>One field error of a 422 validation response, as <see cref="JinaApiException.FieldErrors"/> carries it.</summary>
public sealed class ApiFieldError : IEquatable<ApiFieldError>
{
    internal ApiFieldError(string? field, string? message, string? type)
    {
        Field = field;
        Message = message;
        Type = type;
    }

    /// <summary>Gets the field's path, e.g. <c>body -> jina-clip-v1 -> task</c>.</summary>
    public string? Field { get; }

    /// <summary>Gets what is wrong with it.</summary>
    public string? Message { get; }

    /// <summary>Gets the machine-readable error type, e.g. <c>extra_forbidden</c>.</summary>
    public string? Type { get; }

    /// <inheritdoc/>
    public bool Equals(ApiFieldError? other) =>
        other is not null && string.Equals(Field, other.Field, StringComparison.Ordinal)
        && string.Equals(Message, other.Message, StringComparison.Ordinal) && string.Equals(Type, other.Type, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ApiFieldError);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Field ?? string.Empty) ^ StringComparer.Ordinal.GetHashCode(Type ?? string.Empty);

    /// <summary>Formats the error as <c>field: message (type)</c>.</summary>
    /// <returns>The field, message and type.</returns>
    public override string ToString() => $"{Field}: {Message} ({Type})";
}
