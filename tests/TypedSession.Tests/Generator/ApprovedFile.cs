using System.Runtime.CompilerServices;
using System.Text;

namespace TypedSession.Tests.Generator;

/// <summary>
/// Compares generated source with an approved file under <c>Generator/Approved/</c>, line by line. Set
/// <c>TYPEDSESSION_UPDATE_APPROVED=1</c> to rewrite the approved files from the current output, then review the diff.
/// </summary>
internal static class ApprovedFile
{
    public const string UpdateVariable = "TYPEDSESSION_UPDATE_APPROVED";

    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Approved", name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No approved file {path}. Run the tests with {UpdateVariable}=1 to create it, then review it.");

        var expectedLines = Lines(File.ReadAllText(path));
        var actualLines = Lines(actual);
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var expected = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var got = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (expected != got)
            {
                Assert.Fail(Describe(name, i, expectedLines, actualLines));
            }
        }
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    private static string Describe(string name, int line, string[] expected, string[] actual)
    {
        var message = new StringBuilder()
            .AppendLine($"{name} differs from the approved file at line {line + 1} (set {UpdateVariable}=1 to accept the new output):");
        for (var i = Math.Max(0, line - 3); i < line; i++)
        {
            message.AppendLine("  " + expected[i]);
        }
        for (var i = line; i < Math.Min(expected.Length, line + 4); i++)
        {
            message.AppendLine("- " + expected[i]);
        }
        for (var i = line; i < Math.Min(actual.Length, line + 4); i++)
        {
            message.AppendLine("+ " + actual[i]);
        }
        return message.ToString();
    }
}
