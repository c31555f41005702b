using TypedSession.Generated;

namespace TypedSession.Tests.Codecs.Support;

/// <summary>A session that listens for undecodable values, as the engine's session does.</summary>
public sealed class ReportingSession : InMemorySession, IUndecodableValueSink
{
    /// <summary>Every report, in order.</summary>
    public List<(string Key, Type ValueType, Exception? Error)> Reports { get; } = [];

    /// <inheritdoc />
    public void OnUndecodableValue(string key, Type valueType, Exception? error) => Reports.Add((key, valueType, error));
}
