using ContactsAdmin.Features.Ingest.Payloads;
using ContactsAdmin.Profile.Fields;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ContactsAdmin.Features.Ingest;

/// <summary>
/// Lists the contact's own fields in the API document's contact schemas (what a payload may send, what a view shows),
/// from the profile field table: the payload and view types carry them as extension data, which the document
/// generator cannot see into.
/// </summary>
internal static class ProfileFieldSchema
{
    public static Task AddFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (type != typeof(ContactPayload) && type != typeof(ContactView)) return Task.CompletedTask;
        var isInput = type == typeof(ContactPayload);
        var table = context.ApplicationServices.GetRequiredService<ProfileFieldTable>();
        foreach (var field in table.Fields)
        {
            if (isInput && field.ApiWritesThroughChannels) continue;
            Add(schema, field.ApiPath, field, field.ApiDescription, isInput);
            if (isInput && field.ApiAlias is { } alias) Add(schema, alias, field, $"Another name for {field.ApiPath}.", isInput);
        }
        return Task.CompletedTask;
    }

    private static void Add(OpenApiSchema schema, string path, ProfileField field, string? description, bool isInput)
    {
        var parts = path.Split('.');
        var target = schema;
        foreach (var parent in parts[..^1])
        {
            target.Properties ??= new Dictionary<string, IOpenApiSchema>();
            if (!target.Properties.TryGetValue(parent, out var nested) || nested is not OpenApiSchema nestedSchema)
                target.Properties[parent] = nestedSchema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
            target = nestedSchema;
        }
        target.Properties ??= new Dictionary<string, IOpenApiSchema>();
        target.Properties[parts[^1]] = new OpenApiSchema
        {
            // On input null leaves the stored value as it is; an empty string clears it.
            Type = isInput ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String,
            Description = description ?? field.Label,
            MaxLength = field.MaxLength,
        };
    }
}
