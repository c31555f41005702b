using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedSession.Tests.Generator.Sessions;

/// <summary>
/// A session class with one JSON property whose type System.Text.Json cannot create metadata for (its converter
/// throws when created) beside ordinary ones: the broken type must not break the others.
/// </summary>
[Session(KeyPrefix = "fragile:", JsonContext = typeof(FragileJsonContext))]
public sealed partial class FragileSession
{
    public partial RejectedValue? Rejected { get; set; }

    public partial CartLine? Line { get; set; }

    public partial List<string>? Tags { get; set; }

    public partial int Visits { get; set; }
}

/// <summary>A value whose converter cannot be created, so its metadata fails at first use.</summary>
[JsonConverter(typeof(RejectingConverter))]
public sealed record RejectedValue(string Name);

/// <summary>Throws when System.Text.Json creates it, as a misconfigured converter does.</summary>
public sealed class RejectingConverter : JsonConverter<RejectedValue>
{
    public RejectingConverter() => throw new InvalidOperationException("RejectingConverter refuses to be created.");

    public override RejectedValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, RejectedValue value, JsonSerializerOptions options) =>
        throw new NotSupportedException();
}

[JsonSerializable(typeof(RejectedValue))]
[JsonSerializable(typeof(CartLine))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class FragileJsonContext : JsonSerializerContext
{
}
