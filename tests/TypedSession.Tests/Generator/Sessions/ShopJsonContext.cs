using System.Text.Json.Serialization;

namespace TypedSession.Tests.Generator.Sessions;

/// <summary>Source-generated JSON metadata for the complex properties of <see cref="ShopSession"/>.</summary>
[JsonSerializable(typeof(List<CartLine>))]
[JsonSerializable(typeof(CartLine), TypeInfoPropertyName = "SingleLine")]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(ShippingAddress))]
public sealed partial class ShopJsonContext : JsonSerializerContext
{
}
