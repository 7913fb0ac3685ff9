package io.github.camelzoho.attachments;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.URISupport;

/** List, delete, download, upload and consume the attachments of Zoho CRM records. */
@Component("zoho-attachments")
public class ZohoAttachmentsComponent extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(label = "advanced")
    private ZohoAttachmentsConfiguration configuration = new ZohoAttachmentsConfiguration();
    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;

    private final ZohoCredentialSessions sessions = new ZohoCredentialSessions();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ZohoAttachmentsOperation operation = parseOperation(remaining);
        ZohoAttachmentsEndpoint endpoint = new ZohoAttachmentsEndpoint(uri, this, operation, configuration.copy());
        OptionTextValidator.check(parameters);
        preferEndpointCredentials(endpoint.getConfiguration(), parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * Credentials set on the endpoint win over those of another kind inherited from the component: an endpoint's refresh-token
     * options are not silently overridden by the component's accessToken or tokenProvider, nor its accessToken by the
     * component's tokenProvider.
     */
    private static void preferEndpointCredentials(ZohoAttachmentsConfiguration config, Map<String, Object> parameters) {
        if (parameters.containsKey("tokenProvider")) {
            return;
        }
        if (parameters.containsKey("accessToken")) {
            config.setTokenProvider(null);
        } else if (parameters.containsKey("clientId") || parameters.containsKey("clientSecret")
                || parameters.containsKey("refreshToken")) {
            config.setTokenProvider(null);
            config.setAccessToken(null);
        }
    }

    private static ZohoAttachmentsOperation parseOperation(String remaining) {
        try {
            return ZohoAttachmentsOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid operation '" + remaining + "' in zoho-attachments:" + remaining
                    + ": must be one of " + java.util.Arrays.toString(ZohoAttachmentsOperation.values()));
        }
    }

    ZohoCredentialSessions getSessions() {
        return sessions;
    }

    public ZohoAttachmentsConfiguration getConfiguration() {
        return configuration;
    }

    /** The options every endpoint starts from: credentials, data centre and limits are best set once, here. */
    public void setConfiguration(ZohoAttachmentsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Use the CamelContext's global SSL context parameters when an endpoint sets none. */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // A password in a domain option (https://user:password@host) would show wherever Camel prints an endpoint URI, e.g.
        // in ResolveEndpointFailedException; Camel masks the values of these options from now on. Camel keeps one such list
        // per JVM, so this replaces keywords another library may have added the same way.
        URISupport.addSanitizeKeywords("apiDomain,accountsDomain");
    }

    @Override
    protected void doStop() throws Exception {
        sessions.close();
        super.doStop();
    }
}
