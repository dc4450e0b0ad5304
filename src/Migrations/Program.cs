using ArScale.Migrations;
using Microsoft.Extensions.Logging;

// Applies pending migrations to the database named by ConnectionStrings__postgres (or the first argument).
var connectionString = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("Set ConnectionStrings__postgres or pass the connection string as the first argument.");
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
var logger = loggerFactory.CreateLogger("ArScale.Migrations");
try
{
    var applied = DatabaseMigrator.Migrate(connectionString, logger);
    Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s).");
    return 0;
}
catch (MigrationFailedException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
