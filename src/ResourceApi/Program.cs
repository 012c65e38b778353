using ResourceApi.AccessTokens;
using ResourceApi.Development;
using ResourceApi.Health;
using ResourceApi.Limits;
using ResourceApi.Me;
using ResourceApi.Messages;
using ResourceApi.Metadata;
using ResourceApi.OpenApi;
using ResourceApi.Proxies;
using ResourceApi.Replicas;
using ResourceApi.ScopePolicies;
using ResourceApi.Telemetry;

// `dotnet ResourceApi.dll migrate` applies the database migrations and exits: for a pipeline that migrates
// before it rolls the replicas. It reads the database settings only.
if (args is [DatabaseMigrations.Command])
{
    await DatabaseMigrations.RunCommandAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// Development only: the repository's settings file, the built-in issuer when none is configured,
// Swagger UI's demo client. First, because everything below reads the settings file.
builder.AddDevelopmentDefaults();

// Behind a TLS-terminating proxy (opt-in): the scheme and client address it saw, from the proxies configured only.
builder.Services.AddTrustedProxies();

// Errors are RFC 9457 Problem Details, never a stack trace; the database or Redis out of reach is a 503, not a 500.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DependencyOutageHandler>();

// Access tokens from each issuer under Authentication:Schemes:{name} (the token's iss picks the one that
// checks it): keys from its discovery document and JWKS, refreshed in the background, every check on.
builder.Services.AddAccessTokenValidation(builder.Configuration);

// Default deny: an endpoint without its own rule still needs a valid access token (never an ID token).
// Every issuer's permissions arrive in one normalized "scope" claim, whatever its dialect.
builder.Services.AddScopeAuthorization(scopes => scopes.ClaimTypes.Add(AccessTokenClaims.Scope));
builder.Services.AddScopeDenialMetrics();
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(AccessTokenPolicy.Build());

// RFC 9728 metadata tells a client that got a 401 where to get a token and which scopes exist.
builder.Services.AddProtectedResourceMetadata();

// Messages live in SQLite (default) or PostgreSQL (Database:Provider); their JSON serializers are generated at build time.
builder.Services.AddResourceDatabase(builder.Configuration, builder.Environment);
builder.Services.AddMessageJson();
// Pages of the list from the output cache, keyed by a generation every write moves on (on Redis with the rest of what replicas share).
builder.Services.AddMessageListCache(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
// What replicas must share: on Redis when ConnectionStrings:Redis is set, else in this process's memory.
builder.Services.AddSharedCache(builder.Configuration);
// Probes: /health/live, and /health/ready (each issuer's signing keys loaded and fresh, database and Redis reachable).
builder.Services.AddHealthChecks().AddReadinessChecks(builder.Configuration);

// Metrics out through OpenTelemetry only when configured: OTLP, or a Prometheus scrape endpoint on a port of its own.
builder.AddTelemetry();

// OpenAPI reads each endpoint's scopes from its declarations, and the token URL from the issuer.
builder.Services.AddApiDocumentation(builder.Configuration, builder.Environment);

var app = builder.Build();

// First, so everything after it sees the scheme and client address the proxy saw (when turned on).
app.UseTrustedProxies();

// Bad input gets a 4xx Problem Details answer: no stack trace, no oversized body read.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();

// Swagger UI and the document are public, so they answer before authentication; the API stays default-deny.
app.UseApiDocumentation();

// Also serves the development issuer's token, discovery and JWKS endpoints, when it is mounted.
app.UseAuthentication();
app.UseAuthorization();
// After authorization: a cached page answers only a request that passed it.
app.UseOutputCache();

app.MapHealth();
app.MapProtectedResourceMetadata();
app.MapMe();
app.MapMessages();

// Unless a pipeline migrates (Database:MigrateAtStart=false), migrations are applied here, under EF Core's lock.
await app.MigrateResourceDatabaseAtStartAsync();
await app.RunAsync();
