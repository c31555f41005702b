using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedSession.Codecs;

// Where a value that failed to decode is reported: the session itself when it listens (the engine), otherwise the
// logger that AddTypedSession installed for sessions of other stores. Cold path only.
internal static partial class UndecodableValues
{
    private static ILogger fallbackLogger = NullLogger.Instance;

    internal static void UseFallbackLogger(ILoggerFactory loggerFactory) =>
        fallbackLogger = loggerFactory.CreateLogger("TypedSession.Codecs");

    internal static void Report(ISession session, string key, Type valueType, Exception? error)
    {
        if (session is IUndecodableValueSink sink)
        {
            sink.OnUndecodableValue(key, valueType, error);
            return;
        }
        LogUndecodable(fallbackLogger, key, valueType.Name, error);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "The session value under key '{Key}' could not be read as {ValueType}; the default is used and the next write replaces it.")]
    private static partial void LogUndecodable(ILogger logger, string key, string valueType, Exception? error);
}
