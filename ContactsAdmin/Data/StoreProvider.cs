namespace ContactsAdmin.Data;

/// <summary>
/// The database engine behind the contact store, from Database:Provider. SQLite (one file, nothing to install) is the
/// default; PostgreSQL is for a shared server and several app instances. What differs between them sits in one place
/// per engine (<see cref="StoreEngine"/>), chosen at start-up from this value.
/// </summary>
public enum StoreProvider
{
    Sqlite,
    PostgreSQL,
}
