namespace ResourceApi.Conformance.Checks;

/// <summary>Every check, in the order it runs: the order matters where one check leaves the API in a state another reads.</summary>
internal static class CheckCatalog
{
    public static IReadOnlyList<Check> All { get; } =
    [
        .. BaselineChecks.All(),
        // Before any unknown kid: an API may hold back its next unknown-kid fetch for a while after one.
        KeyChecks.RotatedIn(),
        .. SignatureChecks.All(),
        .. ClaimChecks.All(),
        .. ScopeChecks.All(),
        .. BearerAnswerChecks.Answers(),
        .. MetadataChecks.All(),
        .. KeyChecks.OverTime(),
        .. DpopChecks.All(),
        // Last: scans every answer the others got.
        BearerAnswerChecks.NoTokenEcho(),
    ];
}
