using System.Text.RegularExpressions;
using ContactsAdmin.Tests.Browser;

namespace ContactsAdmin.Tests.Architecture;

/// <summary>A type's namespace is its folder, so a reader finds a type where its namespace says it is.</summary>
public sealed partial class NamespaceTests
{
    [Theory]
    [InlineData("ContactsAdmin")]
    [InlineData("ContactsAdmin.Tests")]
    public void Every_file_declares_the_namespace_of_its_folder(string project)
    {
        var projectFolder = Path.Combine(Screenshots.RepositoryRoot(), project);
        var wrong = SourceFiles(projectFolder, "*.cs")
            .Select(file => (File: file, Declared: DeclaredNamespace().Match(File.ReadAllText(file))))
            .Where(f => f.Declared.Success)
            .Select(f => (f.File, Declared: f.Declared.Groups[1].Value, Expected: FolderNamespace(project, projectFolder, f.File)))
            .Where(f => f.Declared != f.Expected)
            .Select(f => $"{Path.GetRelativePath(projectFolder, f.File)}: {f.Declared}, expected {f.Expected}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void No_component_overrides_its_folder_namespace()
    {
        var projectFolder = Path.Combine(Screenshots.RepositoryRoot(), "ContactsAdmin");
        var overriding = SourceFiles(projectFolder, "*.razor").Where(file => File.ReadAllText(file).Contains("@namespace")).ToList();

        Assert.Empty(overriding);
    }

    private static IEnumerable<string> SourceFiles(string projectFolder, string pattern) =>
        Directory.EnumerateFiles(projectFolder, pattern, SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(projectFolder, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string FolderNamespace(string project, string projectFolder, string file)
    {
        var folder = Path.GetRelativePath(projectFolder, Path.GetDirectoryName(file)!);
        return folder == "." ? project : $"{project}.{folder.Replace(Path.DirectorySeparatorChar, '.')}";
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex DeclaredNamespace();
}
