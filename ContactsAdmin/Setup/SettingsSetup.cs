using ContactsAdmin.Features.Contacts;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Features.Ingest;
using ContactsAdmin.Features.Jobs;
using ContactsAdmin.Features.Segments;
using ContactsAdmin.Features.Users;
using ContactsAdmin.Profile;
using ContactsAdmin.Profile.Email;
using Microsoft.Extensions.Options;

namespace ContactsAdmin.Setup;

/// <summary>
/// Every section of the configuration the app reads, bound with the options pattern and checked before start-up
/// does anything: a value that cannot work (or cannot be read, like text where a number belongs) stops the web
/// app and the subcommands with a message naming its key. Services take the bound value (registered once here).
/// </summary>
public static class SettingsSetup
{
    public static IServiceCollection AddContactsSettings(this IServiceCollection services)
    {
        services.AddSection<ApiOptions>();
        services.AddSection<ContactsOptions>();
        services.AddSection<EmailStatusRuleOptions>();
        services.AddSection<DatabaseOptions>();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, ConnectionStringValidation>();
        services.AddSection<SeedOptions>();
        services.AddSection<AccountSecurityOptions>();
        services.AddSection<JobsOptions>();
        services.AddSection<ImportFilesOptions>();
        services.AddSection<SegmentCountOptions>();
        // Totals beyond the cap show as "more than N", combined filters' as "about N" from a sample; an operator
        // may trade count cost for precision. Sampling settings that cannot work stop the app at start-up.
        services.AddOptions<CountSampling>().Configure<IConfiguration>((options, configuration) =>
            Bind(configuration.GetSection("Contacts:CountSampling"), options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CountSampling>, CountSamplingValidation>();
        return services;
    }

    /// <summary>Binds and checks every section now; throws <see cref="OptionsValidationException"/> naming each bad key.</summary>
    public static void ValidateSettings(this IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();

    /// <summary>What <see cref="ValidateSettings"/> finds wrong, one line per key: for the subcommands, which print them.</summary>
    public static IReadOnlyList<string> SettingsProblems(this IServiceProvider services)
    {
        try
        {
            services.ValidateSettings();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return [.. e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures)];
        }
    }

    private static void AddSection<T>(this IServiceCollection services) where T : class, ISettingsSection
    {
        services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) => Bind(configuration.GetSection(T.Section), options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, SectionValidation<T>>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
    }

    /// <summary>
    /// The binder reports a value it cannot convert with an InvalidOperationException that names the key (its inner
    /// exception does not); as a validation failure it stops start-up the way a value out of range does.
    /// </summary>
    private static void Bind<T>(IConfigurationSection section, T options) where T : class
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), [e.Message]);
        }
    }

    private sealed class SectionValidation<T> : IValidateOptions<T> where T : class, ISettingsSection
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = options.Problems().Select(p => $"{T.Section}:{p.Key}: {p.Problem}").ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
