using System.Net;

namespace ResourceApi.Client.Api;

/// <summary>The API answered with an error; the message says what it said.</summary>
public class ApiCallException : Exception
{
    public ApiCallException()
    {
    }

    public ApiCallException(string message) : base(message)
    {
    }

    public ApiCallException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    public HttpStatusCode? StatusCode { get; init; }
}
