using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ResourceApi.Messages;
using ResourceApi.Tests.Infrastructure;
using ResourceApi.Tests.Messages;

namespace ResourceApi.Tests.Database;

/// <summary>Migrations replace EnsureCreated on SQLite: a fresh file, an old file, the migrate command, the model in step with them.</summary>
[Collection(ApiCollection.Name)]
public sealed class MigrationTests(ApiFixture api)
{
    private static readonly string[] SqliteMigrations = ["20261203205946_Initial", "20261203210046_ListIndex"];

    [Fact]
    public async Task A_SQLite_file_made_by_EnsureCreated_keeps_its_messages_when_the_new_app_starts_on_it()
    {
        var path = api.NewDatabasePath();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        await using (var old = new EnsureCreatedEraContext(path))
        {
            await old.Database.EnsureCreatedAsync();
            for (var i = 1; i <= 3; i++)
            {
                old.Messages.Add(new Message { Id = Guid.CreateVersion7(), Text = $"kept {i}", CreatedBy = "old-app", CreatedAt = start.AddSeconds(i) });
            }
            await old.SaveChangesAsync();
        }

        await using var factory = api.CreateFactory(databasePath: path);
        using var client = ApiFixture.ClientFor(factory, api.Issuer.Token("read:messages"));
        var page = await client.GetFromJsonAsync<JsonElement>("/api/messages");

        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        PageTexts.Of(page).Should().Equal("kept 3", "kept 2", "kept 1");
        (await QueryAsync(path, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId")).Should().Equal(SqliteMigrations);
        (await QueryAsync(path, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Messages' AND sql IS NOT NULL"))
            .Should().Equal("IX_Messages_CreatedAt_Id");
    }

    [Fact]
    public async Task A_new_SQLite_file_gets_every_migration_and_the_descending_list_index()
    {
        var path = api.NewDatabasePath();

        await using var factory = api.CreateFactory(databasePath: path);
        _ = factory.Server;

        (await QueryAsync(path, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId")).Should().Equal(SqliteMigrations);
        (await QueryAsync(path, "SELECT sql FROM sqlite_master WHERE name = 'IX_Messages_CreatedAt_Id'")).Single()
            .Should().Contain("\"CreatedAt\" DESC").And.Contain("\"Id\" DESC");
        (await QueryAsync(path, "PRAGMA journal_mode")).Should().Equal("wal");
        // The list query reads the index in order instead of sorting the table.
        var plan = string.Join('\n', await QueryAsync(path, "EXPLAIN QUERY PLAN SELECT Id FROM Messages ORDER BY CreatedAt DESC, Id DESC LIMIT 20", column: 3));
        plan.Should().Contain("IX_Messages_CreatedAt_Id").And.NotContain("TEMP B-TREE");
    }

    [Fact]
    public async Task With_MigrateAtStart_false_the_app_leaves_the_schema_to_the_migrate_command()
    {
        var path = api.NewDatabasePath();

        await using (var factory = api.CreateFactory(new Dictionary<string, string?> { ["Database:MigrateAtStart"] = "false" }, databasePath: path))
        {
            _ = factory.Server;
        }
        var untouched = File.Exists(path);

        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Messages"] = $"Data Source={path}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var (exitCode, output) = await ExternalProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "ResourceApi.dll"), DatabaseMigrations.Command],
            AppContext.BaseDirectory, TimeSpan.FromMinutes(2), settings);

        untouched.Should().BeFalse("the app created no database file");
        exitCode.Should().Be(0, output);
        (await QueryAsync(path, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId")).Should().Equal(SqliteMigrations);
    }

    public static TheoryData<string> Contexts => new() { nameof(SqliteResourceDbContext), nameof(PostgreSqlResourceDbContext) };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void The_model_has_no_change_that_a_migration_does_not_have(string context)
    {
        using var db = Create(context);

        db.Database.HasPendingModelChanges().Should().BeFalse("`dotnet ef migrations add <Name> --context {0}` writes the missing migration", context);
        db.Database.GetMigrations().Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Each_context_lists_every_migration_and_the_snapshot_dotnet_ef_wrote_for_it(string context)
    {
        using var db = Create(context);
        var written = typeof(ResourceDbContext).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == db.GetType())
            .ToList();

        db.MigrationTypes.Should().Equal(written.Where(t => t.IsSubclassOf(typeof(Migration)))
            .OrderBy(t => t.GetCustomAttribute<MigrationAttribute>()!.Id, StringComparer.Ordinal),
            "a migration EF's scan finds must be in {0}.MigrationTypes, oldest first", context);
        written.Should().ContainSingle(t => t.IsSubclassOf(typeof(ModelSnapshot))).Which.Should().Be(db.ModelSnapshotType);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("Sqlite,PostgreSQL")]
    public void An_unknown_Database_Provider_stops_the_app_at_start_naming_the_key(string provider)
    {
        using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Database:Provider"] = provider });

        var start = () => factory.Server;

        start.Should().Throw<InvalidOperationException>().WithMessage($"Database:Provider is '{provider}'*Sqlite*PostgreSQL*");
    }

    [Fact]
    public void A_PostgreSQL_connection_string_that_does_not_parse_stops_the_app_naming_the_key_and_not_the_password()
    {
        using var factory = api.CreateFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Messages"] = "Host=db;Pasword=s3cret-value",
        });

        var start = () => factory.Server;

        start.Should().Throw<InvalidOperationException>()
            .WithMessage("ConnectionStrings:Messages is not a PostgreSQL connection string*")
            .Which.Message.Should().NotContain("s3cret-value");
    }

    private static ResourceDbContext Create(string context) => context == nameof(SqliteResourceDbContext)
        ? new SqliteDesignTimeContextFactory().CreateDbContext([])
        : new PostgreSqlDesignTimeContextFactory().CreateDbContext([]);

    private static async Task<List<string>> QueryAsync(string path, string sql, int column = 0)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetValue(column).ToString()!);
        }
        return rows;
    }
}
