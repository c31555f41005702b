using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using static TypedSession.Benchmarks.Accessors.SessionValuesFixture;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// A small record. The stock API stores no objects, so the stock code for them is the reflection JSON extension
/// pattern copied into countless apps: it is the baseline here. Hand-written source-generated JSON over
/// <c>Get</c>/<c>Set</c> is shown beside it, for what careful code written by hand costs.
/// </summary>
public class RecordAccessorBenchmarks : AccessorBenchmarks
{
    /// <summary>The reflection JSON pattern (stock for objects).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(FirstRead)]
    public CartSummary? ReflectionJson_FirstRead() => Session.GetObjectFromJson<CartSummary>(CartKey);

    /// <summary>TypedSession, the session object created for the request included.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public CartSummary? Typed_FirstRead() => NewRequestSession().Cart;

    /// <summary>Hand-written source-generated JSON.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public CartSummary? HandWrittenJson_FirstRead() => ReadHandWritten();

    /// <summary>The floor: the stored bytes, not decoded.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public byte[]? RawBytes_FirstRead() => Session.TryGetValue(CartKey, out var bytes) ? bytes : null;

    /// <summary>The reflection JSON pattern deserializes again.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(RepeatedRead)]
    public CartSummary? ReflectionJson_RepeatedRead() => Session.GetObjectFromJson<CartSummary>(CartKey);

    /// <summary>TypedSession answers from the value it read before.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public CartSummary? Typed_RepeatedRead() => ReadTyped.Cart;

    /// <summary>Hand-written source-generated JSON deserializes again.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public CartSummary? HandWrittenJson_RepeatedRead() => ReadHandWritten();

    /// <summary>The floor.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public byte[]? RawBytes_RepeatedRead() => Session.TryGetValue(CartKey, out var bytes) ? bytes : null;

    /// <summary>The reflection JSON pattern (stock for objects).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Write)]
    public void ReflectionJson_Write() => Session.SetObjectAsJson(CartKey, Cart);

    /// <summary>TypedSession.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void Typed_Write() => WriteTyped.Cart = Cart;

    /// <summary>Hand-written source-generated JSON.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void HandWrittenJson_Write() =>
        Session.Set(CartKey, JsonSerializer.SerializeToUtf8Bytes(Cart, BenchmarkJsonContext.Default.CartSummary));

    /// <summary>The floor: bytes encoded once, ahead of time.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void RawBytes_Write() => Session.Set(CartKey, CartBytes);

    private CartSummary? ReadHandWritten() =>
        Session.Get(CartKey) is { } bytes ? JsonSerializer.Deserialize(bytes, BenchmarkJsonContext.Default.CartSummary) : null;
}
