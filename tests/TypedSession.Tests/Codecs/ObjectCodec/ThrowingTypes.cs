using System.Text.Json.Serialization;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>A record that validates its arguments: the generated codec calls this constructor itself.</summary>
public sealed record ValidatedRange
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="low"/> exceeds <paramref name="high"/>.</summary>
    public ValidatedRange(int low, int high)
    {
        if (low > high)
        {
            throw new ArgumentException("low must not exceed high", nameof(low));
        }
        Low = low;
        High = high;
    }

    /// <summary>The lower bound.</summary>
    public int Low { get; }

    /// <summary>The upper bound.</summary>
    public int High { get; }
}

/// <summary>A class whose setter validates: System.Text.Json calls it.</summary>
public sealed class ValidatedName
{
    private string name = "";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an empty name.</summary>
    public string Name
    {
        get => name;
        set => name = value is { Length: > 0 } ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }
}

/// <summary>The context of the types above.</summary>
[JsonSerializable(typeof(ValidatedRange))]
[JsonSerializable(typeof(ValidatedName))]
public sealed partial class ThrowingJsonContext : JsonSerializerContext;

/// <summary>A session over those types.</summary>
[Session(JsonContext = typeof(ThrowingJsonContext))]
public sealed partial class ThrowingSession
{
    /// <summary>Through the generated codec, which calls the validating constructor.</summary>
    public partial ValidatedRange? Range { get; set; }

    /// <summary>Through System.Text.Json, which calls the validating setter.</summary>
    public partial ValidatedName? Name { get; set; }
}
