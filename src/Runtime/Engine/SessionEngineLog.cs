using Microsoft.Extensions.Logging;

namespace TypedSession;

// Every log line of the engine. Only session keys (the names, never the values) and a short hash of the session id
// appear; never a value, the id itself or the store key.
internal static partial class SessionEngineLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Session {SessionHash} loaded with {KeyCount} keys.")]
    internal static partial void Loaded(ILogger logger, string sessionHash, int keyCount);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error,
        Message = "Session {SessionHash} could not be loaded; it is unavailable for this request: reads give defaults, writes throw.")]
    internal static partial void LoadFailed(ILogger logger, string sessionHash, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning,
        Message = "The stored entry of session {SessionHash} cannot be read ({Reason}); a fresh session starts and replaces it.")]
    internal static partial void CorruptEntry(ILogger logger, string sessionHash, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Session {SessionHash} expired ({Reason}); a fresh session starts.")]
    internal static partial void Expired(ILogger logger, string sessionHash, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "The cookie of session {SessionHash} points to no stored session; a fresh session starts.")]
    internal static partial void Missing(ILogger logger, string sessionHash);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
        Message = "The session was loaded synchronously because it was used before anything awaited ISession.LoadAsync; this blocks a thread " +
                  "on store I/O. Await HttpContext.Session.LoadAsync() before using HttpContext.Session, or take the typed session class as a " +
                  "handler, controller or page parameter, which loads it asynchronously. Logged once per application.")]
    internal static partial void SynchronousLoad(ILogger logger);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning,
        Message = "The session middleware passed a session key that is not a GUID; the engine started a fresh session with its own key.")]
    internal static partial void UnexpectedStoreKey(ILogger logger);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Session {SessionHash} started.")]
    internal static partial void Started(ILogger logger, string sessionHash);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug,
        Message = "Session {SessionHash} written: {ChangedCount} keys set, {RemovedCount} removed, replace {ReplaceAll}, {Bytes} bytes.")]
    internal static partial void Committed(ILogger logger, string sessionHash, int changedCount, int removedCount, bool replaceAll, long bytes);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Session {SessionHash} could not be written; this request's session changes are lost.")]
    internal static partial void CommitFailed(ILogger logger, string sessionHash, Exception exception);

    [LoggerMessage(EventId = 112, Level = LogLevel.Debug, Message = "Session {SessionHash} expiry refreshed.")]
    internal static partial void Refreshed(ILogger logger, string sessionHash);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning,
        Message = "The expiry of session {SessionHash} could not be refreshed; its values are intact but it may expire early.")]
    internal static partial void RefreshFailed(ILogger logger, string sessionHash, Exception exception);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning,
        Message = "Session {SessionHash} ended (destroyed, regenerated or expired) while this request ran; its changes were dropped and the session " +
                  "was not brought back.")]
    internal static partial void WriteDroppedSessionEnded(ILogger logger, string sessionHash);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Session {SessionHash} regenerated as {NewSessionHash}.")]
    internal static partial void Regenerated(ILogger logger, string sessionHash, string newSessionHash);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Session {SessionHash} destroyed.")]
    internal static partial void Destroyed(ILogger logger, string sessionHash);

    [LoggerMessage(EventId = 122, Level = LogLevel.Error, Message = "Session {SessionHash} could not be deleted from the store.")]
    internal static partial void DeleteFailed(ILogger logger, string sessionHash, Exception exception);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning,
        Message = "Session {SessionHash} was destroyed after the response started, so its cookie could not be expired; the cookie now opens an empty session.")]
    internal static partial void DestroyedAfterResponseStarted(ILogger logger, string sessionHash);

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning,
        Message = "The value under key '{Key}' of session {SessionHash} could not be read as {ValueType}; the default is used and the next write replaces it.")]
    internal static partial void UndecodableValue(ILogger logger, string key, string sessionHash, string valueType, Exception? exception);
}
