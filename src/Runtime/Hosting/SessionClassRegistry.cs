namespace TypedSession.Hosting;

// The session classes registered with AddTypedSession<T>(), one instance per service collection. Filled while services
// are configured (single-threaded) and only read afterwards, so the MVC integration knows which parameter and
// constructor types are session classes without guessing from base classes.
internal sealed class SessionClassRegistry
{
    private readonly HashSet<Type> _sessionClasses = [];

    internal void Add(Type sessionClass) => _sessionClasses.Add(sessionClass);

    internal bool Contains(Type type) => _sessionClasses.Contains(type);
}
