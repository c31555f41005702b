using Microsoft.AspNetCore.Http;

namespace TypedSession;

/// <summary>
/// Implemented by the generated part of every <see cref="SessionAttribute"/> class, so that a session class can be
/// built over any <see cref="ISession"/> without reflection: by dependency injection, by minimal-API binding, and
/// in unit tests over a fake session.
/// </summary>
/// <typeparam name="TSelf">The session class itself.</typeparam>
public interface ITypedSession<TSelf> where TSelf : class, ITypedSession<TSelf>
{
    /// <summary>Creates a typed view over <paramref name="session"/>. Nothing is read until a property is.</summary>
    static abstract TSelf Create(ISession session);
}
