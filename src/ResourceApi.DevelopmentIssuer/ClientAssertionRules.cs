using System.Globalization;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ResourceApi.DevelopmentIssuer;

/// <summary>
/// What OpenIddict leaves to the server about a <c>private_key_jwt</c> assertion (RFC 7523), checked once
/// its signature, issuer and audience are: it carries a <c>jti</c>, lives at most <see cref="MaxLifetime"/>
/// and is accepted once. Without them, an assertion captured from a log or a proxy would buy tokens until
/// its <c>exp</c>, however far away. Every refusal is <c>invalid_client</c> (RFC 7523 §3.2).
/// </summary>
internal sealed class ClientAssertionRules(SeenAssertions seen, TimeProvider time) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary><c>exp - iat</c>, or <c>exp</c> from now when the assertion has no <c>iat</c>.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A <c>jti</c> is a unique identifier, not a payload: longer ones are refused, which bounds the store's memory.</summary>
    public const int MaxJtiLength = 256;

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
            .UseSingletonHandler<ClientAssertionRules>()
            // After OpenIddict checked the signature with the client's key, iss = sub and aud, and before
            // it reads the client id from the assertion: only an assertion its client signed is remembered.
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertionIssuer.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var assertion = context.ClientAssertionPrincipal!;
        var clientId = assertion.GetClaim(Claims.Issuer)!;

        var jti = assertion.GetClaim(Claims.JwtId);
        if (string.IsNullOrEmpty(jti) || jti.Length > MaxJtiLength)
        {
            return Refuse(context, $"The client assertion must carry a jti of 1 to {MaxJtiLength} characters, so that it can be accepted once (RFC 7523, section 3).");
        }

        // OpenIddict checked that exp is one number, and iat at most one.
        if (Seconds(assertion.GetClaim(Claims.ExpiresAt)) is not { } expiresAt)
        {
            return Refuse(context, "The client assertion's exp is not a number.");
        }
        var start = Seconds(assertion.GetClaim(Claims.IssuedAt)) ?? time.GetUtcNow();
        if (expiresAt - start > MaxLifetime)
        {
            return Refuse(context, $"The client assertion may live at most {MaxLifetime.TotalMinutes} minutes (exp - iat, or exp from now without iat); sign a fresh one for each token request.");
        }

        return seen.TryAdd(clientId, jti, expiresAt) switch
        {
            SeenAssertions.AddResult.Added => ValueTask.CompletedTask,
            SeenAssertions.AddResult.Replayed => Refuse(context, "This client assertion was already used: sign a fresh one, with a new jti, for each token request."),
            _ => Refuse(context, $"Too many client assertions in the last minutes (at most {SeenAssertions.MaxEntries}): try again later."),
        };
    }

    // ASCII only: OpenIddict refuses any other character in an error_description (RFC 6749, section 5.2).
    private static ValueTask Refuse(ProcessAuthenticationContext context, string description)
    {
        context.Reject(Errors.InvalidClient, description);
        return ValueTask.CompletedTask;
    }

    private static DateTimeOffset? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            && seconds is >= 0 and < 253_402_300_799 // up to DateTimeOffset.MaxValue
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;
}
