using ContactsAdmin.Features.CommandLine;
using ContactsAdmin.Tests.Infrastructure;

namespace ContactsAdmin.Tests.Features.CommandLine;

/// <summary>
/// The executable behaves as command-line tools do: --help and --version answer and exit instead of starting the
/// server, and a mistyped subcommand is a usage error (exit code 2), not a web app started by accident.
/// </summary>
public class CommandLineConventionsTests
{
    private static async Task<(AppRun Run, string[] FolderAfter)> RunInEmptyFolderAsync(params string[] args)
    {
        using var folder = new TemporaryFolder();
        // Development would create a demo store on start; nothing may appear in the folder.
        var run = await AppProcess.RunAsync(folder.Path, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Contacts"] = $"Data Source={Path.Combine(folder.Path, "contacts.db")}",
        }, args);
        return (run, Directory.GetFileSystemEntries(folder.Path));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_the_subcommands_and_exits_without_starting_the_server(string flag)
    {
        var (run, created) = await RunInEmptyFolderAsync(flag);

        Assert.Equal(0, run.ExitCode);
        foreach (var subcommand in new[] { "seed", "users", "apikey", "email-status", "init", "backup", "restore" })
            Assert.Contains(run.Lines, line => line.StartsWith(subcommand, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Lines, line => line.Contains("Now listening", StringComparison.Ordinal));
        Assert.Empty(created);
    }

    [Fact]
    public async Task A_subcommands_help_shows_its_options()
    {
        var (run, created) = await RunInEmptyFolderAsync("seed", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Lines, line => line.StartsWith("--contacts", StringComparison.Ordinal));
        Assert.Empty(created);
    }

    [Fact]
    public async Task Version_prints_the_apps_version_and_exits()
    {
        var (run, created) = await RunInEmptyFolderAsync("--version");

        Assert.Equal(0, run.ExitCode);
        var expected = typeof(ContactsCommandLine).Assembly.GetName().Version!;
        Assert.StartsWith($"{expected.Major}.{expected.Minor}.{expected.Build}", Assert.Single(run.Lines));
        Assert.Empty(created);
    }

    [Fact]
    public async Task An_unknown_subcommand_is_a_usage_error_with_exit_code_2()
    {
        var (run, created) = await RunInEmptyFolderAsync("sead", "--contacts", "10");

        Assert.Equal(ContactsCommandLine.UsageError, run.ExitCode);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.Lines, line => line.Contains("'sead'", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.Contains("--help", StringComparison.Ordinal));
        Assert.Empty(created);
    }

    [Theory]
    [InlineData("--urls", true)]
    [InlineData("Seed:Demo=false", true)]
    [InlineData("seed", false)]
    [InlineData("--help", false)]
    [InlineData("sead", false)]
    public void Host_options_and_settings_start_the_web_app_and_words_go_to_the_command_line(string first, bool startsWebApp)
    {
        Assert.Equal(!startsWebApp, ContactsCommandLine.IsCommandLine([first, "x"]));
    }
}
