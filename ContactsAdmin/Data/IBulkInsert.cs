namespace ContactsAdmin.Data;

/// <summary>
/// Writes many rows of one entity type, made beforehand as <see cref="ModelRows{T}"/>, on a context's connection and
/// inside its transaction, each engine by its own fastest path (<see cref="StoreEngine.BulkInsert{T}"/>): SQLite's
/// compiled multi-row INSERTs (<see cref="ModelInsert{T}"/>), PostgreSQL's binary COPY
/// (<see cref="PostgreSql.PostgreSqlBulkCopy{T}"/>).
/// </summary>
internal interface IBulkInsert<T> : IDisposable where T : class
{
    /// <summary>Inserts the rows in their order; ids the store gives follow that order. A refused row throws, leaving the transaction to roll back.</summary>
    void Insert(ModelRows<T> made);
}
