namespace ResourceApi.Client.Tokens;

/// <summary>No token could be had: the issuer refused the request, answered garbage, or could not be reached in time.</summary>
public sealed class TokenRequestException : Exception
{
    public TokenRequestException()
    {
    }

    public TokenRequestException(string message) : base(message)
    {
    }

    public TokenRequestException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>The OAuth error code when the issuer refused the request (e.g. <c>invalid_client</c>), else null.</summary>
    public string? Error { get; init; }
}
