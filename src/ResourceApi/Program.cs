using Microsoft.AspNetCore.Authorization;
using ResourceApi.Authentication;
using ResourceApi.Authorization;
using ResourceApi.Callers;
using ResourceApi.Configuration;
using ResourceApi.Data;
using ResourceApi.Health;
using ResourceApi.Limits;
using ResourceApi.Messages;
using ResourceApi.Metadata;
using ResourceApi.OpenApi;

var builder = WebApplication.CreateBuilder(args);

// The repository's appsettings.Development.json is the one file a developer edits.
builder.AddRepositoryDevelopmentSettings();

// Errors are RFC 9457 Problem Details, never a stack trace.
builder.Services.AddProblemDetails();

// Bearer tokens: keys from the issuer's discovery document and JWKS, every check on.
builder.Services.AddBearerTokenValidation(builder.Configuration);

// `dotnet run` with no issuer configured: a built-in OpenIddict issuer (Development only) signs tokens.
builder.AddDevelopmentIssuerIfNoAuthority();

// Default deny: an endpoint without its own rule still needs a valid token.
builder.Services.AddScopeAuthorization();
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

// RFC 9728 metadata tells a client that got a 401 where to get a token and which scopes exist.
builder.Services.AddProtectedResourceMetadata();

// Messages live in an embedded SQLite file; their JSON serializers are generated at build time.
builder.Services.AddResourceDatabase(builder.Configuration, builder.Environment);
builder.Services.AddMessageJson();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHealthChecks();

// OpenAPI reads each endpoint's scopes from its RequireScope declaration, and the token URL from the issuer.
builder.Services.AddApiDocumentation(builder.Configuration);

var app = builder.Build();

// Bad input gets a 4xx Problem Details answer: no stack trace, no oversized body read.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();

// Swagger UI and the document are public, so they answer before authentication; the API stays default-deny.
app.UseApiDocumentation();

// Also serves the development issuer's token, discovery and JWKS endpoints, when it is mounted.
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapProtectedResourceMetadata();
app.MapCaller();
app.MapMessages();

await app.EnsureResourceDatabaseAsync();
await app.RunAsync();
