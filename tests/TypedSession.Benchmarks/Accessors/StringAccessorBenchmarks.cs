using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using static TypedSession.Benchmarks.Accessors.SessionValuesFixture;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>A <see cref="string"/> value: TypedSession, <c>GetString</c>/<c>SetString</c>, the reflection JSON pattern, raw bytes.</summary>
public class StringAccessorBenchmarks : AccessorBenchmarks
{
    /// <summary>Hand-written stock code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(FirstRead)]
    public string? Stock_FirstRead() => Session.GetString(UsernameKey);

    /// <summary>TypedSession, the session object created for the request included.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public string? Typed_FirstRead() => NewRequestSession().Username;

    /// <summary>The reflection JSON pattern.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public string? ReflectionJson_FirstRead() => Session.GetObjectFromJson<string>(UsernameJsonKey);

    /// <summary>The floor: the stored bytes, not decoded.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public byte[]? RawBytes_FirstRead() => Session.TryGetValue(UsernameKey, out var bytes) ? bytes : null;

    /// <summary>Hand-written stock code reads the session again.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(RepeatedRead)]
    public string? Stock_RepeatedRead() => Session.GetString(UsernameKey);

    /// <summary>TypedSession answers from the value it read before.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public string? Typed_RepeatedRead() => ReadTyped.Username;

    /// <summary>The reflection JSON pattern deserializes again.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public string? ReflectionJson_RepeatedRead() => Session.GetObjectFromJson<string>(UsernameJsonKey);

    /// <summary>The floor.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public byte[]? RawBytes_RepeatedRead() => Session.TryGetValue(UsernameKey, out var bytes) ? bytes : null;

    /// <summary>Hand-written stock code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Write)]
    public void Stock_Write() => Session.SetString(UsernameKey, Username);

    /// <summary>TypedSession.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void Typed_Write() => WriteTyped.Username = Username;

    /// <summary>The reflection JSON pattern.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void ReflectionJson_Write() => Session.SetObjectAsJson(UsernameJsonKey, Username);

    /// <summary>The floor: bytes encoded once, ahead of time.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void RawBytes_Write() => Session.Set(UsernameKey, UsernameBytes);
}
