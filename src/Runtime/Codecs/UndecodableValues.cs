using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedSession.Generated;

// Where a value that failed to decode is reported: the session itself when it listens (the engine); otherwise the
// logger of the request being served, found through the ambient HttpContext (AddTypedSession registers the accessor),
// so that several hosts in one process (integration tests) each log to their own ILoggerFactory and no host's
// configuration leaks into another through static state. Outside a request, the fallback logger (none by default).
// Cold path only.
internal static partial class UndecodableValues
{
    internal const string LoggerCategory = "TypedSession.Generated";

    private static ILogger _fallbackLogger = NullLogger.Instance;

    // Used only where no request is being served (a session class built over a hand-made ISession).
    internal static void UseFallbackLogger(ILoggerFactory loggerFactory) =>
        _fallbackLogger = loggerFactory.CreateLogger(LoggerCategory);

    internal static void Report(ISession session, string key, Type valueType, Exception? error)
    {
        if (session is IUndecodableValueSink sink)
        {
            sink.OnUndecodableValue(key, valueType, error);
            return;
        }
        // Only the exception's type: a JsonException message can quote the stored text, and values are never logged.
        LogUndecodable(CurrentLogger(), key, valueType.Name, error is null ? "its bytes do not fit the type" : error.GetType().Name);
    }

    private static ILogger CurrentLogger()
    {
        var loggerFactory = new HttpContextAccessor().HttpContext?.RequestServices?.GetService<ILoggerFactory>();
        return loggerFactory?.CreateLogger(LoggerCategory) ?? _fallbackLogger;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "The session value under key '{Key}' could not be read as {ValueType} ({Reason}); the default is used and the next write replaces it.")]
    private static partial void LogUndecodable(ILogger logger, string key, string valueType, string reason);
}
