using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>
/// What one type says about session registration (a top-level program, a <c>Startup</c> class), gathered concurrently
/// from its members and read once at the end of the type: whether <c>UseSession()</c>, <c>AddSession()</c> and a
/// distributed cache appear, where the session is used, and where the pipelines and service registrations are.
/// </summary>
internal sealed class SessionRegistrationFacts
{
    private int _sessionServicesRegistered;
    private int _useSessionMayBeCalledElsewhere;
    private int _distributedCacheRegistered;

    public ConcurrentQueue<Location> UseSessionCalls { get; } = new();

    public ConcurrentQueue<Location> AddSessionCalls { get; } = new();

    /// <summary>Where the session is used, with a short description for messages.</summary>
    public ConcurrentQueue<(Location Location, string Description)> SessionUses { get; } = new();

    public ConcurrentQueue<EntryPipeline> EntryPipelines { get; } = new();

    /// <summary>Where <c>AddSession()</c> can be added: before <c>builder.Build()</c> or at the end of <c>ConfigureServices</c>.</summary>
    public ConcurrentQueue<ServiceRegistrationSite> ServiceSites { get; } = new();

    /// <summary>
    /// <c>AddTypedSession</c>/<c>AddTypedSessionEngine</c>, or a library method that may call <c>AddSession()</c>: the
    /// services <c>UseSession()</c> needs may be registered without a visible <c>AddSession()</c>.
    /// </summary>
    public bool SessionServicesRegistered => Volatile.Read(ref _sessionServicesRegistered) != 0;

    /// <summary>A library method that may call <c>UseSession()</c> is used.</summary>
    public bool UseSessionMayBeCalledElsewhere => Volatile.Read(ref _useSessionMayBeCalledElsewhere) != 0;

    /// <summary>An <c>IDistributedCache</c> (or a replacement <c>ISessionStore</c>) is, or may be, registered.</summary>
    public bool DistributedCacheRegistered => Volatile.Read(ref _distributedCacheRegistered) != 0;

    public void MarkSessionServicesRegistered() => Volatile.Write(ref _sessionServicesRegistered, 1);

    public void MarkUseSessionMayBeCalledElsewhere() => Volatile.Write(ref _useSessionMayBeCalledElsewhere, 1);

    public void MarkDistributedCacheRegistered() => Volatile.Write(ref _distributedCacheRegistered, 1);

    /// <summary>Locations in a stable order (file, then position), so the reported one does not depend on threading.</summary>
    public static IEnumerable<Location> Ordered(IEnumerable<Location> locations) =>
        locations.OrderBy(location => location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(location => location.SourceSpan.Start);
}
