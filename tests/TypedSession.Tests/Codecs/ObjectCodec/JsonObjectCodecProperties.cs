using System.Reflection;
using FsCheck;
using FsCheck.Fluent;

namespace TypedSession.Tests.Codecs.ObjectCodec;

/// <summary>
/// FsCheck's arbitraries for the object codec's differential properties: values drawn by <see cref="RandomMembers"/>
/// from a seed FsCheck chooses (so that a failure prints a replayable case), and shrunk member by member towards
/// simpler values (a string loses pieces, a number becomes 0, a nullable becomes null), so that a failure names the
/// one member and the few characters that differ.
/// </summary>
public static class JsonObjectCodecProperties
{
    /// <summary>Records created through their constructor, every member type, floating-point included.</summary>
    public static Arbitrary<EveryMember> EveryMember() => From(random => random.NextEveryMember());

    /// <summary>Records of every member type but the floating-point ones.</summary>
    public static Arbitrary<ExactMembers> ExactMembers() => From(random => random.NextExactMembers());

    /// <summary>Classes created through setters, with declared names.</summary>
    public static Arbitrary<Settable> Settable() => From(random => random.NextSettable());

    private static Arbitrary<T> From<T>(Func<RandomMembers, T> next) where T : class =>
        Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Select(seed => next(new RandomMembers(seed))), Shrink);

    // Each candidate changes one member of the value to something simpler.
    private static IEnumerable<T> Shrink<T>(T value) where T : class
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        var values = properties.Select(property => property.GetValue(value)).ToArray();
        for (var i = 0; i < properties.Length; i++)
        {
            foreach (var simpler in Simpler(properties[i].PropertyType, values[i]))
            {
                var copy = (object?[])values.Clone();
                copy[i] = simpler;
                yield return Create<T>(properties, copy);
            }
        }
    }

    private static IEnumerable<object?> Simpler(Type type, object? value)
    {
        if (value is null)
        {
            yield break;
        }
        if (Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && type != typeof(string)))
        {
            yield return null;
        }
        switch (value)
        {
            case string text when text.Length > 0:
                yield return string.Empty;
                if (text.Length > 1)
                {
                    yield return text[..(text.Length / 2)];
                    yield return text[(text.Length / 2)..];
                }
                if (text.Length <= 16)
                {
                    for (var i = 0; i < text.Length; i++)
                    {
                        yield return text.Remove(i, 1);
                    }
                }
                break;
            case bool flag when flag:
                yield return false;
                break;
            case DateTime dateTime when dateTime != new DateTime(2000, 1, 1):
                yield return new DateTime(2000, 1, 1);
                break;
            case DateTimeOffset dateTimeOffset when dateTimeOffset != new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero):
                yield return new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                break;
            case Guid guid when guid != Guid.Empty:
                yield return Guid.Empty;
                break;
            case IConvertible number when number is not string and not bool and not DateTime:
                var zero = Convert.ChangeType(0, Nullable.GetUnderlyingType(type) ?? type, System.Globalization.CultureInfo.InvariantCulture);
                if (!number.Equals(zero))
                {
                    yield return zero;
                }
                break;
        }
    }

    private static T Create<T>(PropertyInfo[] properties, object?[] values)
    {
        var constructor = typeof(T).GetConstructors().Single();
        if (constructor.GetParameters().Length == 0)
        {
            var created = (T)constructor.Invoke(null);
            for (var i = 0; i < properties.Length; i++)
            {
                properties[i].SetValue(created, values[i]);
            }
            return created;
        }
        var arguments = constructor.GetParameters()
            .Select(parameter => values[Array.FindIndex(properties, property => property.Name == parameter.Name)])
            .ToArray();
        return (T)constructor.Invoke(arguments);
    }
}
