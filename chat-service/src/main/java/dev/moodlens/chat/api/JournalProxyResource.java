package dev.moodlens.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.chat.context.AnalysisClient;
import dev.moodlens.chat.context.NewJournalEntry;
import dev.moodlens.chat.context.TurnContextSource;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import dev.moodlens.common.token.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Locale;
import java.util.UUID;

/**
 * The pages' window on the journal, kept in the analysis service: the context behind the chat page's
 * sparkline, and the journal page's listing, writing, editing, deleting, import and export. The user is
 * always the token's (ChatUser): the analysis service is asked for that user's journal only. Answers are
 * passed through as the analysis service's JSON; its refusals as its problem JSON (AnalysisAnswers).
 * Every write forgets the chat's cached context, so the next turn sees it.
 */
@RolesAllowed(Roles.USER)
@Path("/v1/journal")
@Produces(MediaType.APPLICATION_JSON)
public class JournalProxyResource {

    private static final int MAX_ENTRY_LENGTH = 50_000;
    private static final String NDJSON = "application/x-ndjson";

    private final AnalysisClient analysis;
    private final TurnContextSource contexts;
    private final ChatUser users;

    public JournalProxyResource(@RestClient AnalysisClient analysis, TurnContextSource contexts, ChatUser users) {
        this.analysis = analysis;
        this.contexts = contexts;
        this.users = users;
    }

    /** The journal context (mood trend, daily mood for the sparkline, dominant emotions). */
    @GET
    @Path("/context")
    public Uni<JournalContext> context(@QueryParam("user") String user) {
        String id = users.resolve(user);
        return contexts.journal(id).onFailure().transform(AnalysisAnswers::unavailable);
    }

    /** Adds an entry through the analysis service, then forgets the cached context so the next turn sees it. */
    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> add(@QueryParam("user") String user, NewJournalEntry entry) {
        String id = users.resolve(user);
        if (entry == null || entry.text() == null || entry.text().isBlank()) {
            throw ProblemException.badRequest("text is empty");
        }
        if (entry.text().length() > MAX_ENTRY_LENGTH) {
            throw ProblemException.tooLarge("text has " + entry.text().length() + " characters; the limit is " + MAX_ENTRY_LENGTH);
        }
        return analysis.addEntry(id, entry)
                .call(() -> contexts.forget(id))
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build())
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "the journal refused the entry"));
    }

    /**
     * A page of the user's entries, newest first: {@code {"items":[...],"total":N}}. The filters are the
     * analysis service's (README there): from/to (ISO date or date-time), q (text), tag, pending=true, page,
     * size (1-500), order; it validates them (400 naming the parameter).
     */
    @GET
    @Path("/entries")
    public Uni<String> list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String text,
                            @QueryParam("tag") String tag, @QueryParam("pending") String pending,
                            @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                            @QueryParam("order") String order) {
        String id = users.resolve(null);
        return analysis.listEntries(id, from, to, text, tag, pending, page, size, order)
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "the journal could not be listed"));
    }

    @GET
    @Path("/entries/{id}")
    public Uni<String> entry(@PathParam("id") String entryId) {
        String id = users.resolve(null);
        return analysis.entry(id, entryId(entryId))
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "no such entry"));
    }

    /** Replaces an entry (text, title, tags, writtenAt); a changed text is scored again. */
    @PUT
    @Path("/entries/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<String> update(@PathParam("id") String entryId, JsonNode entry) {
        String id = users.resolve(null);
        String checked = entryId(entryId);
        if (entry == null || !entry.isObject()) {
            throw ProblemException.badRequest("a JSON entry object is required, e.g. {\"text\": \"...\"}");
        }
        return analysis.updateEntry(id, checked, entry)
                .call(() -> contexts.forget(id))
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "the journal refused the entry"));
    }

    @DELETE
    @Path("/entries/{id}")
    public Uni<Response> delete(@PathParam("id") String entryId) {
        String id = users.resolve(null);
        return analysis.deleteEntry(id, entryId(entryId))
                .call(() -> contexts.forget(id))
                .map(nothing -> Response.noContent().build())
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "no such entry"));
    }

    /**
     * Imports a file all or nothing: JSON Lines ({@code application/x-ndjson}) or CSV with a header row
     * ({@code text/csv}). A bad record answers the analysis service's 400, whose detail and
     * {@code errors.line} name the line, and nothing is stored. The body is bounded by this service's
     * request body limit ({@code quarkus.http.limits.max-body-size}).
     */
    @POST
    @Path("/entries/import")
    @Consumes({NDJSON, "application/jsonl", "text/csv"})
    public Uni<Response> importFile(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, byte[] body) {
        String id = users.resolve(null);
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the file is empty; nothing was imported");
        }
        boolean csv = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/csv");
        return (csv ? analysis.importCsv(id, body) : analysis.importNdjson(id, body))
                .call(() -> contexts.forget(id))
                .map(result -> Response.status(Response.Status.CREATED).entity(result).build())
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "the journal refused the file; nothing was imported"));
    }

    /** Every entry with its stored results, as JSON Lines (a file the import takes back). */
    @GET
    @Path("/entries/export")
    @Produces(NDJSON)
    public Uni<Response> export() {
        String id = users.resolve(null);
        return analysis.export(id)
                .map(lines -> Response.ok(lines, NDJSON)
                        .header("Content-Disposition", "attachment; filename=\"" + id + "-journal.jsonl\"").build())
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "the journal could not be exported"));
    }

    /** Entry ids are UUIDs: anything else names no entry, and never reaches the analysis service's paths. */
    static String entryId(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("no entry " + value);
        }
    }
}
