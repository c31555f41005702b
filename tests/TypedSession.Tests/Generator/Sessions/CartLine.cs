namespace TypedSession.Tests.Generator.Sessions;

/// <summary>A line of a shopping cart, stored as JSON.</summary>
public sealed record CartLine(string Sku, int Quantity, decimal UnitPrice);
