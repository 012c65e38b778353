using Microsoft.IdentityModel.Tokens;
using ResourceApi.AccessTokens;
using ResourceApi.Tests.Infrastructure;

namespace ResourceApi.Tests.TokenCache;

/// <summary>
/// The memory bound (MaxEntries × MaxEntryBytes) rests on each entry's size estimate; this measures what an
/// entry really holds and checks the estimate is not below it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EntrySizeTests(ApiFixture api)
{
    [Theory]
    [InlineData(0)]
    [InlineData(2000)]
    public async Task An_entry_holds_no_more_memory_than_its_estimate_and_a_typical_one_is_under_3_KiB(int extraClaimLength)
    {
        using var http = new HttpClient();
        var keys = new JsonWebKeySet(await http.GetStringAsync(api.Issuer.BaseUrl + "/.well-known/jwks")).GetSigningKeys();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = api.Issuer.Issuer,
            ValidAudience = TestIssuer.Audience,
            IssuerSigningKeys = keys,
            ValidTypes = AccessTokenOptions.DefaultValidTypes,
        };
        var builder = api.Issuer.Token().Scope("read:messages write:messages");
        if (extraClaimLength > 0)
        {
            builder.Claim("profile", new string('p', extraClaimLength));
        }
        var result = await new AccessTokenHandler().ValidateTokenAsync(builder.Build(), parameters);
        result.IsValid.Should().BeTrue();
        _ = result.ClaimsIdentity; // built lazily; not the entry's cost
        _ = CachedValidation.From(result, 0); // the signing key's thumbprint is computed once per key, not per entry

        var before = GC.GetAllocatedBytesForCurrentThread();
        var entry = CachedValidation.From(result, 0)!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // What the entry keeps beyond its own objects: the claim strings it shares with the token's claims.
        var strings = result.ClaimsIdentity.Claims
            .SelectMany(c => new[] { c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer })
            .Distinct(ReferenceEqualityComparer.Instance).Cast<string>()
            .Sum(s => 22 + (2L * s.Length));
        const int dictionaryNode = 64;
        var retained = allocated + strings + dictionaryNode;

        entry.EstimatedBytes.Should().BeGreaterThanOrEqualTo((int)retained);
        if (extraClaimLength == 0)
        {
            retained.Should().BeLessThan(3072);
        }
    }
}
