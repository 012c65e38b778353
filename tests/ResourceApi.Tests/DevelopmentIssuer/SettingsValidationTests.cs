using ResourceApi.DevelopmentIssuer;

namespace ResourceApi.Tests.DevelopmentIssuer;

public sealed class SettingsValidationTests
{
    private static readonly ProtectedApi Api = new(["https://resource-api.example"], ["read:messages", "write:messages"]);

    [Fact]
    public void A_client_without_a_secret_is_named_in_the_error()
    {
        var result = Validate(new DevelopmentClient { Scopes = ["read:messages"] });

        result.Failures.Should().ContainSingle().Which.Should().Contain("DevelopmentIssuer:Clients:broken:Secret");
    }

    [Fact]
    public void A_scope_the_API_does_not_define_is_named_in_the_error()
    {
        var settings = new DevelopmentIssuerSettings { Clients = { ["broken"] = new() { Secret = "s", Scopes = ["read:messages", "admin:everything"] } } };

        var errors = DevelopmentIssuerSettingsValidator.UndefinedScopes(settings, Api);

        errors.Should().ContainSingle().Which.Should().Contain("DevelopmentIssuer:Clients:broken:Scopes").And.Contain("admin:everything");
    }

    [Fact]
    public void An_unknown_signing_algorithm_is_refused()
    {
        var settings = new DevelopmentIssuerSettings { SigningAlgorithm = "HS256", Clients = { ["ok"] = new() { Secret = "s", Scopes = ["read:messages"] } } };

        new DevelopmentIssuerSettingsValidator(Api).Validate(null, settings).Failures.Should().ContainSingle().Which.Should().Contain("SigningAlgorithm");
    }

    [Theory]
    [InlineData("http://192.0.2.10:5080/", false)]
    [InlineData("not a url", false)]
    [InlineData("http://localhost:5080/", true)]
    [InlineData("https://dev-issuer.example/", true)]
    public void A_pinned_issuer_must_be_a_URL_and_plain_http_only_on_loopback(string issuer, bool valid)
    {
        var settings = new DevelopmentIssuerSettings { Issuer = issuer, Clients = { ["ok"] = new() { Secret = "s", Scopes = ["read:messages"] } } };

        new DevelopmentIssuerSettingsValidator(Api).Validate(null, settings).Succeeded.Should().Be(valid);
    }

    [Fact]
    public void The_demo_clients_shape_is_valid()
    {
        Validate(new DevelopmentClient { Secret = "s", Scopes = ["read:messages"] }).Succeeded.Should().BeTrue();
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(DevelopmentClient client) =>
        new DevelopmentIssuerSettingsValidator(Api).Validate(null, new DevelopmentIssuerSettings { Clients = { ["broken"] = client } });
}
