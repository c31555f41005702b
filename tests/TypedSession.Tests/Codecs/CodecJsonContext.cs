using System.Text.Json.Serialization;

namespace TypedSession.Tests.Codecs;

/// <summary>An address, a complex value stored as JSON.</summary>
public sealed record Address(string Street, int Number);

/// <summary>A cart: nested records, a list and a dictionary.</summary>
public sealed record Cart(List<CartLine> Lines, Dictionary<string, string> Notes, Address? ShipTo);

/// <summary>One line of a <see cref="Cart"/>.</summary>
public sealed record CartLine(string Sku, decimal Price, int Quantity);

/// <summary>Source-generated JSON metadata for the JSON codec tests (no reflection).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Address))]
[JsonSerializable(typeof(Cart))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(Dictionary<string, int>))]
public sealed partial class CodecJsonContext : JsonSerializerContext;
