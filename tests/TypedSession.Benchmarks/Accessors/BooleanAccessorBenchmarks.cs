using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using static TypedSession.Benchmarks.Accessors.SessionValuesFixture;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// A <see cref="bool"/> value. The stock API has no bool methods; the usual hand-written pattern stores it with
/// <c>SetInt32(key, value ? 1 : 0)</c> and reads <c>GetInt32(key) == 1</c>, the cheapest of the common patterns
/// (the other, <c>SetString("true")</c>, allocates a string on every read).
/// </summary>
public class BooleanAccessorBenchmarks : AccessorBenchmarks
{
    /// <summary>Hand-written stock code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(FirstRead)]
    public bool Stock_FirstRead() => Session.GetInt32(IsLoggedInInt32Key) == 1;

    /// <summary>TypedSession, the session object created for the request included.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public bool Typed_FirstRead() => NewRequestSession().IsLoggedIn;

    /// <summary>The reflection JSON pattern.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public bool ReflectionJson_FirstRead() => Session.GetObjectFromJson<bool>(IsLoggedInJsonKey);

    /// <summary>The floor: the stored bytes, not decoded.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public byte[]? RawBytes_FirstRead() => Session.TryGetValue(IsLoggedInKey, out var bytes) ? bytes : null;

    /// <summary>Hand-written stock code reads the session again.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(RepeatedRead)]
    public bool Stock_RepeatedRead() => Session.GetInt32(IsLoggedInInt32Key) == 1;

    /// <summary>TypedSession answers from the value it read before.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public bool Typed_RepeatedRead() => ReadTyped.IsLoggedIn;

    /// <summary>The reflection JSON pattern deserializes again.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public bool ReflectionJson_RepeatedRead() => Session.GetObjectFromJson<bool>(IsLoggedInJsonKey);

    /// <summary>The floor.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public byte[]? RawBytes_RepeatedRead() => Session.TryGetValue(IsLoggedInKey, out var bytes) ? bytes : null;

    /// <summary>Hand-written stock code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Write)]
    public void Stock_Write() => Session.SetInt32(IsLoggedInInt32Key, IsLoggedIn ? 1 : 0);

    /// <summary>TypedSession.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void Typed_Write() => WriteTyped.IsLoggedIn = IsLoggedIn;

    /// <summary>The reflection JSON pattern.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void ReflectionJson_Write() => Session.SetObjectAsJson(IsLoggedInJsonKey, IsLoggedIn);

    /// <summary>The floor: bytes encoded once, ahead of time.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void RawBytes_Write() => Session.Set(IsLoggedInKey, IsLoggedInBytes);
}
