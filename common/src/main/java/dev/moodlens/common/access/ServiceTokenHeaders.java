package dev.moodlens.common.access;

import dev.moodlens.common.token.TokenNames;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Puts this service's token for the called service on every call of a REST client that registers the
 * factory of that service ({@code @RegisterClientHeaders(ServiceTokenHeaders.ToInference.class)}); works on
 * background calls too, since it needs no incoming request. Singletons: a client proxy would need a no-args
 * constructor all the way up.
 */
public abstract class ServiceTokenHeaders implements ClientHeadersFactory {

    private final ServiceTokens tokens;
    private final String audience;

    ServiceTokenHeaders(ServiceTokens tokens, String audience) {
        this.tokens = tokens;
        this.audience = audience;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", "Bearer " + tokens.token(audience));
        return headers;
    }

    /** Calls to the inference service. */
    @Singleton
    public static class ToInference extends ServiceTokenHeaders {
        public ToInference(ServiceTokens tokens) {
            super(tokens, TokenNames.INFERENCE);
        }
    }

    /** Calls to the analysis service. */
    @Singleton
    public static class ToAnalysis extends ServiceTokenHeaders {
        public ToAnalysis(ServiceTokens tokens) {
            super(tokens, TokenNames.ANALYSIS);
        }
    }
}
