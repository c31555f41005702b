using System.Text.Json.Serialization;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>Every member type the generated object codec handles, created through its constructor.</summary>
public sealed record EveryMember(
    string? Text,
    string Name,
    bool Flag,
    byte Byte,
    sbyte SByte,
    short Int16,
    ushort UInt16,
    int Int32,
    uint UInt32,
    long Int64,
    ulong UInt64,
    float Single,
    double Double,
    decimal Decimal,
    Guid Guid,
    DateTime DateTime,
    DateTimeOffset DateTimeOffset,
    bool? MaybeFlag,
    int? MaybeInt32,
    long? MaybeInt64,
    double? MaybeDouble,
    decimal? MaybeDecimal,
    Guid? MaybeGuid,
    DateTime? MaybeDateTime,
    DateTimeOffset? MaybeDateTimeOffset);

/// <summary>Every member type but the floating-point ones, which the codec's byte writer leaves to System.Text.Json.</summary>
public sealed record ExactMembers(
    string? Text,
    string Name,
    bool Flag,
    byte Byte,
    sbyte SByte,
    short Int16,
    ushort UInt16,
    int Int32,
    uint UInt32,
    long Int64,
    ulong UInt64,
    decimal Decimal,
    Guid Guid,
    DateTime DateTime,
    DateTimeOffset DateTimeOffset,
    bool? MaybeFlag,
    int? MaybeInt32,
    ulong? MaybeUInt64,
    decimal? MaybeDecimal,
    Guid? MaybeGuid,
    DateTime? MaybeDateTime,
    DateTimeOffset? MaybeDateTimeOffset);

/// <summary>Created through its parameterless constructor and setters, with names of its own.</summary>
public sealed class Settable : IEquatable<Settable>
{
    /// <summary>Renamed.</summary>
    [JsonPropertyName("display name")]
    public string? DisplayName { get; set; }

    /// <summary>A name the default encoder escapes.</summary>
    [JsonPropertyName("a<b")]
    public int Ordered { get; set; }

    /// <summary>Named by the context's policy.</summary>
    public DateTimeOffset LastSeenAt { get; init; }

    /// <inheritdoc />
    public bool Equals(Settable? other) =>
        other is not null && DisplayName == other.DisplayName && Ordered == other.Ordered && LastSeenAt.Equals(other.LastSeenAt) && LastSeenAt.Offset == other.LastSeenAt.Offset;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Settable);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DisplayName, Ordered, LastSeenAt);
}

/// <summary>A class whose getter runs code: here, code that writes another value to a session.</summary>
public sealed class Noisy
{
    /// <summary>Called by every read of <see cref="Text"/>.</summary>
    public static Action? OnTextRead { get; set; }

    /// <summary>A text whose getter calls <see cref="OnTextRead"/> (its setter only stores the value).</summary>
    public string? Text
    {
        get
        {
            OnTextRead?.Invoke();
            return field;
        }
        set;
    }

    /// <summary>A plain member.</summary>
    public int Count { get; set; }
}

/// <summary>A class whose setters affect each other: which value wins depends on the order they are called in.</summary>
public sealed class Linked
{
    /// <summary>Also sets <see cref="Short"/>.</summary>
    public string? Display
    {
        get;
        set
        {
            field = value;
            Short = value?[..Math.Min(3, value.Length)];
        }
    }

    /// <summary>Set by <see cref="Display"/> too.</summary>
    public string? Short { get; set; }
}

/// <summary>A record with a member the codec does not handle (a list): System.Text.Json's metadata serves it.</summary>
public sealed record WithList(string Name, List<int> Values);

/// <summary>Default options, as most applications declare them.</summary>
[JsonSerializable(typeof(EveryMember))]
[JsonSerializable(typeof(ExactMembers))]
[JsonSerializable(typeof(Settable))]
[JsonSerializable(typeof(WithList))]
[JsonSerializable(typeof(Noisy))]
[JsonSerializable(typeof(Linked))]
public sealed partial class ObjectCodecJsonContext : JsonSerializerContext;

/// <summary>A camelCase naming policy.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EveryMember))]
[JsonSerializable(typeof(ExactMembers))]
[JsonSerializable(typeof(Settable))]
public sealed partial class CamelCaseJsonContext : JsonSerializerContext;

/// <summary>A snake_case naming policy.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EveryMember))]
[JsonSerializable(typeof(ExactMembers))]
[JsonSerializable(typeof(Settable))]
public sealed partial class SnakeCaseJsonContext : JsonSerializerContext;

/// <summary>Nulls left out: the codec does not reproduce it and leaves the types to System.Text.Json.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EveryMember))]
[JsonSerializable(typeof(ExactMembers))]
[JsonSerializable(typeof(Settable))]
public sealed partial class IgnoreNullsJsonContext : JsonSerializerContext;

/// <summary>Numbers written as strings: the codec does not reproduce it and leaves the types to System.Text.Json.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(EveryMember))]
[JsonSerializable(typeof(ExactMembers))]
[JsonSerializable(typeof(Settable))]
public sealed partial class NumbersAsStringsJsonContext : JsonSerializerContext;

/// <summary>Options the codec does not reproduce: the type is left to System.Text.Json.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(EveryMember))]
public sealed partial class IndentedJsonContext : JsonSerializerContext;

/// <summary>Sessions over each context.</summary>
[Session(JsonContext = typeof(ObjectCodecJsonContext))]
public sealed partial class ObjectCodecSession
{
    /// <summary>Through the generated codec.</summary>
    public partial EveryMember? Every { get; set; }

    /// <summary>Through the generated codec's byte writer.</summary>
    public partial ExactMembers? Exact { get; set; }

    /// <summary>Through the generated codec, built with setters.</summary>
    public partial Settable? Settable { get; set; }

    /// <summary>Through System.Text.Json's metadata.</summary>
    public partial WithList? WithList { get; set; }

    /// <summary>Through the generated codec, with a getter that runs code.</summary>
    public partial Noisy? Noisy { get; set; }

    /// <summary>Through System.Text.Json: its setters depend on their order.</summary>
    public partial Linked? Linked { get; set; }
}

/// <summary>A session over the camelCase context.</summary>
[Session(JsonContext = typeof(CamelCaseJsonContext))]
public sealed partial class CamelCaseSession
{
    /// <summary>Through the generated codec.</summary>
    public partial EveryMember? Every { get; set; }

    /// <summary>Through the generated codec's byte writer.</summary>
    public partial ExactMembers? Exact { get; set; }

    /// <summary>Through the generated codec, built with setters.</summary>
    public partial Settable? Settable { get; set; }
}

/// <summary>A session over the indented context.</summary>
[Session(JsonContext = typeof(IndentedJsonContext))]
public sealed partial class IndentedSession
{
    /// <summary>Left to System.Text.Json by the codec's check.</summary>
    public partial EveryMember? Every { get; set; }
}
