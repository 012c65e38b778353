using System.Net;
using CsCheck;
using ResourceApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ResourceApi.Tests.Fuzzing;

/// <summary>
/// Property-based: whatever arrives in the Authorization header, the API answers with a 4xx (never a
/// 5xx), and no token that differs from a valid one by a mutation is accepted. Each property prints
/// how many cases it ran.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationHeaderFuzzTests(ApiFixture api, ITestOutputHelper output)
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly Gen<char> AnyChar = Gen.OneOf(Gen.Char[' ', '~'], Gen.Char['\u0080', '\u00ff'], Gen.Const('\t'), Gen.Char[Base64Url + ".=+/%"]);

    [Fact]
    public async Task Random_authorization_headers_never_get_a_5xx_or_a_200()
    {
        var cases = 0;
        var gen = Gen.OneOf(
            Gen.String[AnyChar, 0, 200],
            Gen.String[AnyChar, 0, 200].Select(s => "Bearer " + s),
            Gen.String[Gen.Char[Base64Url + "."], 0, 400].Select(s => "Bearer " + s),
            Gen.Select(Gen.String[Gen.Char[Base64Url], 1, 60], Gen.String[Gen.Char[Base64Url], 1, 200], Gen.String[Gen.Char[Base64Url], 0, 90],
                (h, p, s) => $"Bearer {h}.{p}.{s}"));

        await gen.SampleAsync(async header =>
        {
            Interlocked.Increment(ref cases);
            var status = await SendAsync(header);
            ((int)status).Should().BeInRange(400, 499, "header {0}", header);
        }, iter: 600, threads: 1);

        output.WriteLine($"{cases} random Authorization headers: all 4xx");
    }

    [Fact]
    public async Task Every_mutation_of_a_valid_token_is_refused_and_never_a_5xx()
    {
        var valid = api.Issuer.Token().Scope("read:messages").ExpiresIn(TimeSpan.FromHours(1)).Build();
        (await SendAsync("Bearer " + valid)).Should().Be(HttpStatusCode.OK);
        var parts = valid.Split('.');
        var starts = new[] { 0, parts[0].Length + 1, parts[0].Length + parts[1].Length + 2 };
        var cases = 0;
        var byClass = new int[4];

        // Position class: 0 header, 1 payload, 2 signature, 3 a separator; then an edit at that position.
        var gen = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 4], Gen.Char[Base64Url + ".=+/ "], (part, at, edit, c) =>
        {
            int index;
            if (part == 3)
            {
                index = at % 2 == 0 ? starts[1] - 1 : starts[2] - 1;
            }
            else
            {
                index = starts[part] + (at % parts[part].Length);
            }
            var mutated = edit switch
            {
                0 => valid[..index] + c + valid[(index + 1)..],         // replace
                1 => valid[..index] + valid[(index + 1)..],             // delete
                2 => valid[..index] + c + valid[index..],               // insert
                3 => valid[..index] + valid[index..].ToUpperInvariant(), // case fold the rest
                _ => valid[..index] + valid[index] + valid[index..],    // duplicate
            };
            return (Part: part, Token: mutated);
        });

        await gen.SampleAsync(async t =>
        {
            if (t.Token == valid)
            {
                return;
            }
            Interlocked.Increment(ref cases);
            Interlocked.Increment(ref byClass[t.Part]);
            var status = await SendAsync("Bearer " + t.Token);
            ((int)status).Should().BeInRange(400, 499, "a token mutated in part {0} must be refused", t.Part);
        }, iter: 800, threads: 1);

        output.WriteLine($"{cases} mutated tokens refused (header {byClass[0]}, payload {byClass[1]}, signature {byClass[2]}, separators {byClass[3]})");
    }

    // ("Bearer  token", two spaces, is the same token: RFC 6750 allows 1*SP, so it is not in this list.)
    [Fact]
    public async Task Oversized_and_oddly_encoded_tokens_are_refused_with_a_4xx()
    {
        var valid = api.Issuer.Token().Scope("read:messages").Build();
        var cases = 0;
        var gen = Gen.OneOf(
            Gen.Int[16 * 1024 - 16, 96 * 1024].Select(n => "Bearer " + new string('a', n)),
            Gen.Int[1, 8].Select(n => "Bearer " + valid + new string('=', n)),
            Gen.Const("Bearer " + Uri.EscapeDataString(valid).Replace(".", "%2E", StringComparison.Ordinal)),
            Gen.Const("Bearer " + valid.Replace('-', '+').Replace('_', '/')),
            Gen.Const("bearer " + valid.ToUpperInvariant()),
            Gen.Const("Bearer " + valid + "." + valid.Split('.')[2]),
            Gen.String[Gen.Char['\u0100', '\uffff'], 1, 50].Select(s => "Bearer " + s));

        await gen.SampleAsync(async header =>
        {
            Interlocked.Increment(ref cases);
            ((int)await SendAsync(header)).Should().BeInRange(400, 499);
        }, iter: 200, threads: 1);

        output.WriteLine($"{cases} oversized or oddly encoded tokens: all 4xx");
    }

    private async Task<HttpStatusCode> SendAsync(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await api.Factory.CreateClient().SendAsync(request);
        return response.StatusCode;
    }
}
