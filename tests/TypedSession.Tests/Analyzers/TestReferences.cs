using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace TypedSession.Tests.Analyzers;

/// <summary>
/// What analyzer and code-fix test compilations reference: the .NET and ASP.NET Core reference assemblies of the SDK that
/// runs the tests (no download), and the TypedSession runtime so that test sources can use <c>[Session]</c>.
/// </summary>
internal static class TestReferences
{
    /// <summary>A target framework with no package: every reference comes from <see cref="Assemblies"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Assemblies { get; } = Load();

    /// <summary>
    /// The global usings of a <c>Microsoft.NET.Sdk.Web</c> project, so test programs read like real ones.
    /// </summary>
    public const string WebGlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    private static ImmutableArray<MetadataReference> Load()
    {
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        var packs = FindPacks();
        if (packs is not null)
        {
            foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
            {
                var directory = LatestRefDirectory(Path.Combine(packs, pack))
                    ?? throw new InvalidOperationException($"No reference assemblies for net10.0 under {Path.Combine(packs, pack)}.");
                foreach (var file in Directory.EnumerateFiles(directory, "*.dll"))
                {
                    references.Add(MetadataReference.CreateFromFile(file));
                }
            }
        }
        else
        {
            // No SDK packs next to the runtime (a trimmed runtime image): the running process's assemblies serve instead.
            var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            foreach (var file in trusted.Split(Path.PathSeparator))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) ||
                    name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard")
                {
                    references.Add(MetadataReference.CreateFromFile(file));
                }
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(SessionAttribute).Assembly.Location));
        return references.ToImmutable();
    }

    private static string? FindPacks()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs");
        return Directory.Exists(Path.Combine(packs, "Microsoft.AspNetCore.App.Ref")) ? packs : null;
    }

    private static string? LatestRefDirectory(string packDirectory)
    {
        if (!Directory.Exists(packDirectory))
        {
            return null;
        }

        return Directory.EnumerateDirectories(packDirectory)
            .Select(version => Path.Combine(version, "ref", "net10.0"))
            .Where(Directory.Exists)
            .OrderByDescending(path => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var v) ? v : new Version())
            .FirstOrDefault();
    }
}
