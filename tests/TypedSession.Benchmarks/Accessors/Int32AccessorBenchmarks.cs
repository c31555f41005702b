using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using static TypedSession.Benchmarks.Accessors.SessionValuesFixture;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>An <see cref="int"/> value: TypedSession, <c>GetInt32</c>/<c>SetInt32</c>, the reflection JSON pattern, raw bytes.</summary>
public class Int32AccessorBenchmarks : AccessorBenchmarks
{
    /// <summary>Hand-written stock code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(FirstRead)]
    public int Stock_FirstRead() => Session.GetInt32(VisitsKey) ?? 0;

    /// <summary>TypedSession, the session object created for the request included.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public int Typed_FirstRead() => NewRequestSession().Visits;

    /// <summary>The reflection JSON pattern.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public int ReflectionJson_FirstRead() => Session.GetObjectFromJson<int>(VisitsJsonKey);

    /// <summary>The floor: the stored bytes, not decoded.</summary>
    [Benchmark, BenchmarkCategory(FirstRead)]
    public byte[]? RawBytes_FirstRead() => Session.TryGetValue(VisitsKey, out var bytes) ? bytes : null;

    /// <summary>Hand-written stock code reads the session again.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(RepeatedRead)]
    public int Stock_RepeatedRead() => Session.GetInt32(VisitsKey) ?? 0;

    /// <summary>TypedSession answers from the value it read before.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public int Typed_RepeatedRead() => ReadTyped.Visits;

    /// <summary>The reflection JSON pattern deserializes again.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public int ReflectionJson_RepeatedRead() => Session.GetObjectFromJson<int>(VisitsJsonKey);

    /// <summary>The floor.</summary>
    [Benchmark, BenchmarkCategory(RepeatedRead)]
    public byte[]? RawBytes_RepeatedRead() => Session.TryGetValue(VisitsKey, out var bytes) ? bytes : null;

    /// <summary>Hand-written stock code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Write)]
    public void Stock_Write() => Session.SetInt32(VisitsKey, Visits);

    /// <summary>TypedSession.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void Typed_Write() => WriteTyped.Visits = Visits;

    /// <summary>The reflection JSON pattern.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void ReflectionJson_Write() => Session.SetObjectAsJson(VisitsJsonKey, Visits);

    /// <summary>The floor: bytes encoded once, ahead of time.</summary>
    [Benchmark, BenchmarkCategory(Write)]
    public void RawBytes_Write() => Session.Set(VisitsKey, VisitsBytes);
}
