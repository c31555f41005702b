using Microsoft.AspNetCore.Http;
using TypedSession.Tests.Generator.Sessions;
using TypedSession.Tests.Generator.Support;

namespace TypedSession.Tests.Generator;

/// <summary>The generated getter costs a session read and a decode: no allocation for a value type, none once cached.</summary>
public sealed class HotPathAllocationTests
{
    [Fact]
    public void Reading_a_value_type_property_allocates_nothing()
    {
        var raw = new CountingSession();
        raw.SetInt32("shop:Visits", 42);
        _ = ShopSession.Create(raw).Visits; // warm up: JIT and type initialization
        var session = ShopSession.Create(raw);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = session.Visits;
        var sum = 0;
        for (var i = 0; i < 1000; i++)
        {
            sum += session.Visits;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(42, first);
        Assert.Equal(42_000, sum);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_a_value_type_property_allocates_only_the_stored_bytes()
    {
        var raw = new CountingSession();
        var session = ShopSession.Create(raw);
        session.Visits = 1; // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        session.Visits = 2;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The 4-byte array the session keeps (an array header plus its payload), nothing else.
        Assert.InRange(allocated, 1, 32);
    }
}
