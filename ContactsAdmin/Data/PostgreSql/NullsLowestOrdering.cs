using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Query.Internal;

namespace ContactsAdmin.Data.PostgreSql;

/// <summary>
/// Sorts NULL as the lowest value, as SQLite does, so that both engines list contacts in the same order (contacts
/// without a name after the named ones from Z to A, and so on). PostgreSQL sorts NULL highest. Npgsql's own
/// ReverseNullOrdering writes NULLS FIRST on every column, which keeps PostgreSQL off the index of a NOT NULL column
/// (the id, the dates) and sorts the whole table; this writes it only where a NULL can occur, and declares the
/// nullable columns of every index in the same order (<see cref="DeclareIndexes"/>), so those sorts still follow an index.
/// </summary>
internal static class NullsLowestOrdering
{
    /// <summary>Ascending index columns that may hold NULL keep them first; descending ones last (a backward scan of either reads the other way).</summary>
    public static void DeclareIndexes(IMutableModel model)
    {
        foreach (var index in model.GetEntityTypes().SelectMany(entity => entity.GetDeclaredIndexes()))
        {
            if (!index.Properties.Any(property => property.IsNullable)) continue;
            var descending = index.IsDescending;
            index.SetNullSortOrder(index.Properties.Select((property, i) => !property.IsNullable
                ? NullSortOrder.Unspecified
                : descending is { Count: > 0 } && descending[i] ? NullSortOrder.NullsLast : NullSortOrder.NullsFirst).ToArray());   // an array: migrations write it as code
        }
    }

#pragma warning disable EF1001 // Npgsql's SQL generator is internal API: the one extension point for how ORDER BY is written.
    /// <summary>Makes <see cref="Generator"/>s in place of Npgsql's own.</summary>
    internal sealed class GeneratorFactory(
        QuerySqlGeneratorDependencies dependencies, IRelationalTypeMappingSource typeMappingSource, INpgsqlSingletonOptions options) : IQuerySqlGeneratorFactory
    {
        public QuerySqlGenerator Create() => new Generator(dependencies, typeMappingSource, options.PostgresVersion);
    }

    /// <summary>Npgsql's generator, adding NULLS FIRST (ascending) or NULLS LAST (descending) after a column that may be NULL.</summary>
    private sealed class Generator(QuerySqlGeneratorDependencies dependencies, IRelationalTypeMappingSource typeMappingSource, Version postgresVersion)
        : NpgsqlQuerySqlGenerator(dependencies, typeMappingSource, reverseNullOrderingEnabled: false, postgresVersion)
    {
        protected override Expression VisitOrdering(OrderingExpression ordering)
        {
            var visited = base.VisitOrdering(ordering);
            if (ordering.Expression is ColumnExpression { IsNullable: true })
                Sql.Append(ordering.IsAscending ? " NULLS FIRST" : " NULLS LAST");
            return visited;
        }
    }
#pragma warning restore EF1001
}
