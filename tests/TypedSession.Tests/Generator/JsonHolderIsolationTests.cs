using System.Text;
using TypedSession.Tests.Generator.Sessions;
using TypedSession.Tests.Generator.Support;

namespace TypedSession.Tests.Generator;

/// <summary>
/// Each (type, context) pair has a holder of its own in the shared JSON file: a type whose metadata System.Text.Json
/// cannot create fails only its own properties, with a clear error, and never the other properties of the class.
/// </summary>
public sealed class JsonHolderIsolationTests
{
    [Fact]
    public void A_json_type_that_fails_at_first_use_leaves_the_other_properties_working()
    {
        var raw = new CountingSession();
        var session = FragileSession.Create(raw);

        // The broken property first, so that its failure happens before the others are ever used.
        var read = Assert.Throws<InvalidOperationException>(() => session.Rejected);
        Assert.Contains("RejectedValue", read.Message);
        Assert.Contains("FragileJsonContext", read.Message);
        Assert.Contains("RejectingConverter refuses to be created.", read.Message);
        Assert.IsNotType<TypeInitializationException>(read.InnerException);

        session.Line = new CartLine("A-1", 2, 9.5m);
        session.Tags = ["new", "sale"];
        session.Visits = 3;
        var reader = FragileSession.Create(raw);
        Assert.Equal(new CartLine("A-1", 2, 9.5m), reader.Line);
        Assert.Equal(["new", "sale"], reader.Tags);
        Assert.Equal(3, reader.Visits);
    }

    [Fact]
    public void Every_access_to_the_failing_property_throws_the_same_clear_error_and_stores_nothing()
    {
        var raw = new CountingSession();
        var session = FragileSession.Create(raw);

        var write = Assert.Throws<InvalidOperationException>(() => session.Rejected = new RejectedValue("x"));
        var again = Assert.Throws<InvalidOperationException>(() => FragileSession.Create(raw).Rejected);

        Assert.Equal(write.Message, again.Message);
        Assert.Same(write.InnerException, again.InnerException);
        Assert.False(raw.TryGetValue("fragile:Rejected", out _));
    }

    [Fact]
    public void A_stored_value_of_the_failing_type_does_not_break_reading_the_others()
    {
        var raw = new CountingSession();
        raw.Set("fragile:Rejected", Encoding.UTF8.GetBytes("{\"Name\":\"x\"}"));
        raw.Set("fragile:Tags", Encoding.UTF8.GetBytes("[\"a\"]"));
        var session = FragileSession.Create(raw);

        Assert.Throws<InvalidOperationException>(() => session.Rejected);
        Assert.Equal(["a"], session.Tags);
    }
}
