package dev.moodlens.common.access;

import dev.moodlens.common.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Missing, expired or forged tokens answer 401 problem JSON, a token of the wrong kind 403 (the services
 * run with quarkus.http.auth.proactive=false so that these failures reach the mappers).
 */
public class AccessProblemMappers {

    static final String CHALLENGE = "Bearer";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Forbidden", "this token may not use this endpoint").withInstance(uri.getPath()))
                .build();
    }

    static Response unauthorized(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", CHALLENGE)
                .entity(Problem.of(401, "Unauthorized", "a valid bearer token is required (log in, or ./moodlens token USER)")
                        .withInstance(uri == null ? null : uri.getPath()))
                .build();
    }
}
