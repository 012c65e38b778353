// initOAuth's client id, secret and scopes fill every OAuth2 scheme's form alike, so with several
// issuers the development issuer's demo client would be offered to, and sent to, the others. This
// Swagger UI plugin hides them from every scheme's form but one: the Bearer issuer's
// (OAuth2Scheme.Name, written in when the script is read).
(function () {
    return {
        wrapComponents: {
            oauth2: function (Original, system) {
                return function (props) {
                    if (props.name === __PREFILLED_SCHEME__) {
                        return system.React.createElement(Original, props);
                    }
                    var selectors = Object.assign({}, props.authSelectors, {
                        getConfigs: function () {
                            var configs = Object.assign({}, props.authSelectors.getConfigs());
                            delete configs.clientId;
                            delete configs.clientSecret;
                            delete configs.scopes;
                            return configs;
                        }
                    });
                    return system.React.createElement(Original, Object.assign({}, props, { authSelectors: selectors }));
                };
            }
        }
    };
})
