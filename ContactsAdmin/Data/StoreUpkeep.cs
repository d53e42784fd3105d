using Microsoft.Extensions.Hosting;

namespace ContactsAdmin.Data;

/// <summary>
/// Background work that keeps the store in shape while the app writes (SQLite: <see cref="WalCheckpointer"/>), registered
/// by the engine when its host runs it (<see cref="StoreEngine.AddContexts"/>): the web app for as long as it runs, the
/// command line for the subcommands that write for minutes (ContactsCommandLine).
/// </summary>
internal abstract class StoreUpkeep : BackgroundService;
