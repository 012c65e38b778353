using Company.ItemsApi.Items;
using Company.ItemsApi.Metadata;
using ResourceApi.AccessTokens;
using ResourceApi.ScopePolicies;

var builder = WebApplication.CreateBuilder(args);

// Access tokens from the issuer under Authentication:Schemes:Bearer (Authority, ValidAudiences, Preset): its
// keys from its discovery document and JWKS, refreshed in the background, every check on. Settings that
// cannot work stop the app at start with a message naming the key.
builder.Services.AddAccessTokenValidation(builder.Configuration);

// Default deny: an endpoint without a scope of its own still needs a valid access token. Every issuer's
// permissions arrive in one normalized "scope" claim, whatever its dialect.
builder.Services.AddScopeAuthorization(scopes => scopes.ClaimTypes.Add(AccessTokenClaims.Scope));
builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(AccessTokenPolicy.Build());

// RFC 9728: a client that got a 401 finds the issuer and the scopes from the challenge's resource_metadata.
builder.Services.AddProtectedResourceMetadata(builder.Configuration);

// Errors are RFC 9457 Problem Details, never a stack trace.
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<ItemStore>();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

// Probes, anonymous: /health (the process answers) and /health/ready (the issuer's signing keys are loaded).
app.MapHealthChecks("/health", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(AccessTokenValidationExtensions.ReadinessTag) }).AllowAnonymous();
app.MapProtectedResourceMetadata();
app.MapItems();

await app.RunAsync();
