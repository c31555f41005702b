namespace TypedSession.Tests.Generator;

/// <summary>The generated source of representative session classes, against approved files.</summary>
public sealed class GeneratedSourceApprovalTests
{
    [Fact]
    public void Every_simple_type_in_a_block_namespace()
    {
        VerifySingle(nameof(Every_simple_type_in_a_block_namespace), "Shop.UserSession.g.cs", """
            using System;
            using TypedSession;

            namespace Shop
            {
                public enum Role { Guest, Admin }
                public enum Tier : long { Free, Gold }

                [Session]
                public partial class UserSession
                {
                    public partial string? Username { get; set; }
                    public partial string DisplayName { get; set; }
                    public partial bool IsLoggedIn { get; set; }
                    public partial byte Flags { get; set; }
                    public partial short Year { get; set; }
                    public partial int Visits { get; set; }
                    public partial long Ticks { get; set; }
                    public partial float Ratio { get; set; }
                    public partial double Score { get; set; }
                    public partial decimal Balance { get; set; }
                    public partial char Initial { get; set; }
                    public partial Guid CartId { get; set; }
                    public partial DateTime LastSeen { get; set; }
                    public partial DateTimeOffset LastLogin { get; set; }
                    public partial DateOnly Birthday { get; set; }
                    public partial TimeOnly WakeUp { get; set; }
                    public partial TimeSpan Elapsed { get; set; }
                    public partial Role Role { get; set; }
                    public partial Tier? Tier { get; set; }
                    public partial byte[]? Avatar { get; set; }
                    public partial int? LuckyNumber { get; set; }
                    public partial Guid? LastOrder { get; set; }
                }
            }
            """);
    }

    [Fact]
    public void File_scoped_namespace_with_prefix_and_session_key()
    {
        VerifySingle(nameof(File_scoped_namespace_with_prefix_and_session_key), "Shop.Carts.CartSession.g.cs", """
            namespace Shop.Carts;

            [TypedSession.Session(KeyPrefix = "cart:")]
            internal sealed partial class CartSession
            {
                public partial int Items { get; set; }

                [TypedSession.SessionKey("total \"EUR\"")]
                public partial decimal Total { get; set; }
            }
            """);
    }

    [Fact]
    public void Global_namespace()
    {
        VerifySingle(nameof(Global_namespace), "GlobalSession.g.cs", """
            [TypedSession.Session]
            partial class GlobalSession
            {
                public partial string? Theme { get; set; }
            }
            """);
    }

    [Fact]
    public void Nested_class_in_partial_containers()
    {
        VerifySingle(nameof(Nested_class_in_partial_containers), "Shop.Outer.Middle.Inner.g.cs", """
            namespace Shop;

            public partial class Outer
            {
                internal partial record struct Middle
                {
                    [TypedSession.Session]
                    private partial class Inner
                    {
                        public partial int Count { get; set; }
                    }
                }
            }
            """);
    }

    [Fact]
    public void Accessibility_and_modifiers_as_written()
    {
        VerifySingle(nameof(Accessibility_and_modifiers_as_written), "Shop.AccessSession.g.cs", """
            namespace Shop;

            [TypedSession.Session]
            public partial class AccessSession
            {
                public partial string? PublicPrivateSet { get; private set; }
                internal partial int Internal { get; set; }
                protected internal partial int ProtectedInternal { get; set; }
                private protected partial int PrivateProtected { get; set; }
                public virtual partial bool Virtual { get; protected set; }
                partial long Implicit { get; set; }
                public partial int @class { get; set; }
            }
            """);
    }

    [Fact]
    public void Complex_types_through_the_named_json_context()
    {
        // Two classes use Item and List<Item> through the same context: the shared file holds each pair once.
        VerifyAll(nameof(Complex_types_through_the_named_json_context), ["Shop.CartSession.g.cs", "Shop.WishlistSession.g.cs", "TypedSession.JsonCodecs.g.cs"], """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Shop;

            public sealed record Item(string Name, int Quantity);

            [JsonSerializable(typeof(List<Item>))]
            [JsonSerializable(typeof(Item), TypeInfoPropertyName = "CartItem")]
            [JsonSerializable(typeof(Dictionary<string, int>))]
            internal partial class ShopJsonContext : JsonSerializerContext
            {
            }

            [TypedSession.Session(JsonContext = typeof(ShopJsonContext))]
            public partial class CartSession
            {
                public partial List<Item>? Items { get; set; }
                public partial Item? LastAdded { get; set; }
                public partial Dictionary<string, int>? Counts { get; set; }
            }

            [TypedSession.Session(JsonContext = typeof(ShopJsonContext), KeyPrefix = "wish:")]
            public partial class WishlistSession
            {
                public partial List<Item>? Saved { get; set; }
                public partial Item? Favourite { get; set; }
            }
            """);
    }

    [Fact]
    public void Unservable_properties_throw_and_clashing_members_are_left_out()
    {
        VerifySingle(nameof(Unservable_properties_throw_and_clashing_members_are_left_out), "Shop.MixedSession.g.cs", """
            namespace Shop;

            public sealed record Item(string Name);

            [TypedSession.Session]
            public partial class MixedSession
            {
                public partial string? Name { get; set; }
                public partial object? Anything { get; set; }
                public partial Item? Item { get; set; }
                [TypedSession.SessionKey("Name")]
                public partial string? Alias { get; set; }
                public partial int Count { get; set; }
                public partial bool RemoveCount { get; set; }
                public partial string? ReadOnly { get; }
                public partial int InitOnly { get; init; }
                public static partial int Shared { get; set; }
                public string Ordinary { get; set; } = "";
            }
            """);
    }

    [Fact]
    public void Generic_session_class()
    {
        VerifySingle(nameof(Generic_session_class), "Shop.TenantSession_1.g.cs", """
            namespace Shop;

            [TypedSession.Session]
            public partial class TenantSession<TTenant> where TTenant : class
            {
                public partial string? TenantName { get; set; }
            }
            """);
    }

    private static void VerifyAll(string scenario, string[] hintNames, string source)
    {
        var generated = GeneratorTestCompilation.Generate(source);
        Assert.Equal(hintNames, generated.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in generated)
        {
            ApprovedFile.Verify($"{scenario}.{name}", text);
        }

        var output = GeneratorTestCompilation.RunWithSystemTextJson(GeneratorTestCompilation.Create(source));
        Assert.Empty(GeneratorTestCompilation.Problems(output));
    }

    private static void VerifySingle(string scenario, string hintName, string source)
    {
        var generated = GeneratorTestCompilation.Generate(source);
        var (name, text) = Assert.Single(generated);
        Assert.Equal(hintName, name);
        ApprovedFile.Verify($"{scenario}.{hintName}", text);

        // Every approved output also compiles without a warning, System.Text.Json's generator running beside it.
        var output = GeneratorTestCompilation.RunWithSystemTextJson(GeneratorTestCompilation.Create(source));
        Assert.Empty(GeneratorTestCompilation.Problems(output));
    }
}
