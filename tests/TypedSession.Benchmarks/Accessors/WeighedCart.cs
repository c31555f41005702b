namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// <see cref="CartSummary"/> with a floating-point member: the generated codec's byte writer and reader leave
/// floating-point text to the Utf8JsonWriter/Utf8JsonReader tier, so every value of this type goes through it.
/// </summary>
public sealed record WeighedCart(int ItemCount, decimal Total, string Currency, DateTimeOffset UpdatedAt, double WeightKg);
