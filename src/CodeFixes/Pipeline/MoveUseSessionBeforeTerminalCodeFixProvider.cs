using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSession.Generator;

namespace TypedSession.CodeFixes.Pipeline;

/// <summary>SESS012: moves <c>UseSession()</c> before the call that ends the pipeline.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveUseSessionBeforeTerminalCodeFixProvider)), Shared]
public sealed class MoveUseSessionBeforeTerminalCodeFixProvider : MoveUseSessionCodeFixProvider
{
    /// <summary>Creates the fix.</summary>
    public MoveUseSessionBeforeTerminalCodeFixProvider()
        : base(DiagnosticDescriptors.UseSessionAfterTerminal.Id,
            "Move UseSession() before the end of the pipeline",
            "SESS012.MoveUseSessionBeforeTerminal")
    {
    }

    /// <summary>The diagnostic is on <c>UseSession()</c>; additional location 0 is the call that ends the pipeline.</summary>
    private protected override (TextSpan UseSession, TextSpan Target)? LocateMove(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count >= 1 &&
        diagnostic.AdditionalLocations[0].SourceTree == diagnostic.Location.SourceTree
            ? (diagnostic.Location.SourceSpan, diagnostic.AdditionalLocations[0].SourceSpan)
            : null;
}
