using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ResourceApi.Messages;

/// <summary>
/// The migrations EF applies, from the list each context keeps (<see cref="ResourceDbContext.MigrationTypes"/>)
/// instead of EF's default scan of every type in the assembly: that scan loads each type's dependencies,
/// Swashbuckle and OpenTelemetry included, into a Production process that never uses them. A test checks
/// the lists against the scan, so a migration added with <c>dotnet ef migrations add</c> and not listed fails it.
/// </summary>
internal sealed class ListedMigrations(ICurrentDbContext current, IMigrationsIdGenerator ids) : IMigrationsAssembly
{
    private readonly ResourceDbContext _context = (ResourceDbContext)current.Context;
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= _context.MigrationTypes
        .Select(type => (Id: type.GetCustomAttribute<MigrationAttribute>()?.Id
            ?? throw new InvalidOperationException($"{type} has no [Migration] attribute."), Type: type.GetTypeInfo()))
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .ToDictionary(m => m.Id, m => m.Type);

    public ModelSnapshot? ModelSnapshot => (ModelSnapshot?)Activator.CreateInstance(_context.ModelSnapshotType);

    public Assembly Assembly => _context.ModelSnapshotType.Assembly;

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(id => ids.IsValidId(nameOrId)
        ? string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        : string.Equals(ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
