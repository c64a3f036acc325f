package dev.moodlens.chat.account;

import dev.moodlens.chat.context.TurnContextSource;
import dev.moodlens.common.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;


/** Registration and login; both answer a bearer token for the other endpoints. */
@Path("/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Blocking
public class AuthResource {

    private final AccountStore accounts;
    private final UserTokens tokens;
    private final LoginThrottle logins;
    private final RegistrationThrottle registrations;
    private final ExistingJournals journals;
    private final TurnContextSource contexts;

    public AuthResource(AccountStore accounts, UserTokens tokens, LoginThrottle logins,
                        RegistrationThrottle registrations, ExistingJournals journals, TurnContextSource contexts) {
        this.journals = journals;
        this.contexts = contexts;
        this.accounts = accounts;
        this.tokens = tokens;
        this.logins = logins;
        this.registrations = registrations;
    }

    @POST
    @Path("/register")
    @Operation(summary = "Create an account and get a token for it")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    @APIResponse(responseCode = "400", description = "malformed user id or password too short or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the user id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "too many registrations from this client in an hour (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(Credentials credentials, @Context HttpServerRequest request) {
        // Input checks first (free), so a typo does not spend the client's budget; then the budget, then bcrypt.
        String user = accounts.checkNew(credentials);
        registrations.attempt(ClientAddress.of(request));
        // A journal exists only for an account (finding 4): a name whose journal was written by an operator or a
        // service is not handed to whoever registers it first.
        if (journals.exists(user)) {
            throw AccountStore.taken();
        }
        accounts.register(credentials);
        // A new account starts with no cached journal context (finding 17): whatever a former holder of the name
        // left in Redis (an account deleted with a chat database reset, its journal gone) is dropped, not shown.
        // (Bounded by the cache's own timeout and never failing: a cache that is down does not block a registration.)
        contexts.forget(user).await().indefinitely();
        return Response.status(Response.Status.CREATED).entity(tokens.issue(credentials.user().strip())).build();
    }

    @POST
    @Path("/login")
    @Operation(summary = "Exchange user id and password for a token")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    @APIResponse(responseCode = "401", description = "unknown user or wrong password (the same answer for both)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "too many attempts from this client, or for this user name from "
            + "this client, in a minute (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IssuedToken login(Credentials credentials, @Context HttpServerRequest request) {
        logins.attempt(credentials == null ? null : credentials.user(), ClientAddress.of(request));
        return tokens.issue(accounts.verify(credentials));
    }
}
