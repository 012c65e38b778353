using Microsoft.Extensions.Options;
using ResourceApi.Client.Tests.Infrastructure;

namespace ResourceApi.Client.Tests;

/// <summary>
/// With no Authority, the calling service asks the API's RFC 9728 metadata which issuer to use, as the README's
/// walk-through does: the API reached as 127.0.0.1 or as localhost, the token comes from the issuer it names.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class AuthorityFromMetadataTests(ApiHostFixture fixture)
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task With_no_authority_the_service_takes_the_issuer_from_the_api_s_metadata_and_calls_the_api(string host)
    {
        var apiBaseUrl = fixture.Host.BaseUrl.Replace("127.0.0.1", host, StringComparison.Ordinal);
        await using var service = CallingService.For(authority: null!, apiBaseUrl);
        var tokensBefore = fixture.Host.Traffic().TokenRequestCount;

        var me = await service.Api.WhoAmIAsync();

        me.ClientId.Should().Be("demo-writer");
        (fixture.Host.Traffic().TokenRequestCount - tokensBefore).Should().Be(1, "the token came from the issuer the metadata named, this API's own");
    }

    [Fact]
    public async Task With_no_authority_and_no_metadata_to_read_the_service_stops_naming_the_authority_setting()
    {
        await using var service = CallingService.For(authority: null!, "http://127.0.0.1:1");

        var resolve = () => service.Api;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should()
            .StartWith("ResourceApiClient:Authority is empty and the API's RFC 9728 metadata at http://127.0.0.1:1/.well-known/oauth-protected-resource could not be read");
    }
}
