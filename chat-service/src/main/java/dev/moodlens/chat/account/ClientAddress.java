package dev.moodlens.chat.account;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client a request comes from, for the per-client limits: the connection's peer address as Vert.x
 * sees it. X-Forwarded-For is never read here: anyone can send it. Behind a proxy, Quarkus' own forwarding
 * support (quarkus.http.proxy.*, with the proxy's address trusted) makes remoteAddress() the forwarded client.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        return address.hostAddress() != null ? address.hostAddress() : address.toString();
    }
}
