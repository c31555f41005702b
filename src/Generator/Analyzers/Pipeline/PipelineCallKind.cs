namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>What a call on a <c>WebApplication</c> or <c>IApplicationBuilder</c> does to the request pipeline.</summary>
internal enum PipelineCallKind
{
    /// <summary>Any other call on the builder.</summary>
    Other,

    /// <summary><c>SessionMiddlewareExtensions.UseSession</c>.</summary>
    UseSession,

    /// <summary>
    /// A middleware or branch that runs code per request: <c>Use</c>, <c>Run(RequestDelegate)</c>,
    /// <c>UseMiddleware</c>, <c>Map</c>, <c>MapWhen</c>, <c>UseWhen</c>.
    /// </summary>
    Middleware,

    /// <summary><c>UseRouting</c>.</summary>
    UseRouting,

    /// <summary>An explicit <c>UseEndpoints</c>: requests it handles go no further.</summary>
    UseEndpoints,

    /// <summary>An endpoint mapped on <c>IEndpointRouteBuilder</c> (<c>MapGet</c>, <c>MapControllers</c>, ...).</summary>
    EndpointMapping,

    /// <summary><c>app.Run()</c>, <c>RunAsync</c>, <c>StartAsync</c>: the pipeline is built and starts serving.</summary>
    HostStart,
}
