namespace ResourceApi.Authentication;

/// <summary>
/// Supplies the issuer URL when none is configured. Only the built-in development issuer registers
/// one; its URL is known once the server listens, so it is asked on first use, not at start.
/// </summary>
public interface IDefaultAuthority
{
    string GetAuthority();
}
