using ContactsAdmin.Data;
using ContactsAdmin.Features.Import;
using ContactsAdmin.Profile.Fields;

namespace ContactsAdmin.Tests.Features.Import;

/// <summary>The mapping suggested from a file's column names.</summary>
public class MappingSuggestionTests
{
    private static IReadOnlyList<string> Suggest(params string[] columns) =>
        [.. MappingSuggestion.Suggest(columns, ProfileFieldTable.Standard,
            [new CustomFieldDefinition { Id = 1, Key = "loyalty_level", Label = "Loyalty level", Type = CustomFieldType.Text }],
            [new SubscriptionCategory { Id = 1, Key = "news", Name = "Newsletter" }]).Columns.Select(c => c.Text)];

    [Fact]
    public void English_names_map_whatever_their_case_spaces_and_punctuation()
    {
        Assert.Equal(["Email", "Phone", "FirstName", "LastName", "ExternalId", "PostCode"],
            Suggest("E-Mail", " mobile ", "First Name", "surname", "Customer ID", "ZIP code"));
        Assert.Equal(["Email", "Phone"], Suggest("Mail", "Cell"));
    }

    [Fact]
    public void German_Ukrainian_and_Russian_names_map_to_the_same_fields()
    {
        Assert.Equal(["FirstName", "LastName", "Phone", "City"], Suggest("Vorname", "Nachname", "Handy", "Stadt"));
        Assert.Equal(["FirstName", "LastName", "Phone", "Email"], Suggest("Ім'я", "Прізвище", "Телефон", "Електронна пошта"));
        Assert.Equal(["FirstName", "LastName", "Phone", "BirthDate"], Suggest("Имя", "Фамилия", "телефон", "Дата рождения"));
    }

    [Fact]
    public void Custom_fields_and_categories_map_by_key_or_label_and_an_unknown_column_is_skipped()
    {
        Assert.Equal(["custom:loyalty_level", "category:news", "skip"], Suggest("Loyalty Level", "Newsletter", "Shoe size"));
        Assert.Equal(["category:news", "custom:loyalty_level"], Suggest("news", "loyalty_level"));
    }

    [Fact]
    public void A_field_named_by_two_columns_is_suggested_for_the_first_only()
    {
        Assert.Equal(["Email", "skip"], Suggest("Email", "E-mail"));
    }

    [Fact]
    public void A_mapping_file_names_columns_by_header_and_skips_the_rest()
    {
        var mapping = ImportMapping.FromJson("""{"E-mail": "Email", "Club": "custom:club", "News": "category:news"}""",
            ["E-mail", "Name", "Club", "News"], ProfileFieldTable.Standard);

        Assert.Equal(["Email", "skip", "custom:club", "category:news"], mapping.Columns.Select(c => c.Text));
        Assert.Throws<ImportFileException>(() => ImportMapping.FromJson("""{"Nope": "Email"}""", ["E-mail"], ProfileFieldTable.Standard));
        Assert.Throws<ImportFileException>(() => ImportMapping.FromJson("""{"E-mail": "Shoe"}""", ["E-mail"], ProfileFieldTable.Standard));
    }
}
