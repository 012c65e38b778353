(request) => {
    // Swagger UI's client-credentials request has no audience, and its additionalQueryStringParams would
    // put one in the token URL's query, where Auth0 ignores it, and the same one in every issuer's. This
    // adds to the form body the audience of the flow whose token URL the request goes to.
    // Comments stay inside the function: Swashbuckle rebuilds it from its text, taking the parameters
    // before the first opening brace and the body up to the last closing one.
    if (typeof request.body !== 'string' || request.body.indexOf('grant_type=client_credentials') === -1 || request.body.indexOf('audience=') !== -1) {
        return request;
    }
    var here = window.location.href;
    var target = new URL(request.url, here).href;
    var schemes = window.ui.specSelectors.specJson().getIn(['components', 'securitySchemes']);
    var flow = schemes && schemes.map(function (s) { return s.getIn(['flows', 'clientCredentials']); }).find(function (f) {
        return f && f.get('tokenUrl') && new URL(f.get('tokenUrl'), here).href === target;
    });
    // The flow's audience extension (OAuth2Scheme.AudienceExtension), written in when the script is read.
    var audience = flow && flow.get(__AUDIENCE_EXTENSION__);
    if (audience) {
        request.body += '&audience=' + encodeURIComponent(audience);
    }
    return request;
}
