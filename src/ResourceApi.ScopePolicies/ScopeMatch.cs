namespace ResourceApi.ScopePolicies;

/// <summary>How the scopes of one <see cref="ScopeRequirement"/> combine.</summary>
public enum ScopeMatch
{
    /// <summary>The token must carry every listed scope.</summary>
    All,

    /// <summary>The token must carry at least one of the listed scopes.</summary>
    Any,
}
