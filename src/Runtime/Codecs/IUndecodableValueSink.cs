namespace TypedSession.Generated;

/// <summary>
/// Implemented by an <see cref="Microsoft.AspNetCore.Http.ISession"/> that wants to hear about stored values that
/// could not be decoded (TypedSession's engine logs them with its own logger and session-id hash).
/// </summary>
internal interface IUndecodableValueSink
{
    /// <summary>Called once per failed decode; must not throw and must not log the value.</summary>
    void OnUndecodableValue(string key, Type valueType, Exception? error);
}
