package dev.moodlens.common.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Puts this service's token on every call of a REST client that registers it
 * ({@code @RegisterClientHeaders(ServiceTokenHeaders.class)}); works on background calls too, since it
 * needs no incoming request.
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

    private final ServiceTokens tokens;

    public ServiceTokenHeaders(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", "Bearer " + tokens.token());
        return headers;
    }
}
