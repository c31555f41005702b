namespace TypedSession.Tests.Generator.Sessions;

/// <summary>A struct stored as JSON.</summary>
public record struct ShippingAddress(string Street, string City);
