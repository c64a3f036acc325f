package dev.moodlens.common.problem;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A service that installs the {@link BodyLimit} speaks HTTP/1.1 only: once the limit has read a body, Quarkus REST
 * pauses the request, which an ended HTTP/2 stream refuses (a 500 for every POST that came over HTTP/2, by h2c
 * upgrade or by TLS). Its callers are services and the ingress, all HTTP/1.1; an HTTP/2 client's upgrade request is
 * answered in HTTP/1.1.
 */
@ApplicationScoped
public class BodyLimitHttp1 implements HttpServerOptionsCustomizer {

    private final BodyLimitConfig config;

    public BodyLimitHttp1(BodyLimitConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (config.maxBytes().isPresent()) {
            options.setHttp2ClearTextEnabled(false);
        }
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (config.maxBytes().isPresent()) {
            options.setUseAlpn(false);
        }
    }
}
