package dev.moodlens.analysis.journal;

import dev.moodlens.common.access.UserIds;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.common.token.Roles;
import dev.moodlens.common.problem.Problem;
import dev.moodlens.common.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * CRUD, listing, import and export of a user's journal entries. Every method blocks (JDBC) and so runs on a
 * worker thread. A committed write is announced as a {@link JournalChanged} event; what follows from it (cached
 * analyses dropped, new entries scored) is up to its observers in the packages above.
 */
@RolesAllowed({Roles.USER, Roles.SERVICE})
@Path("/v1/users/{user}/entries")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class EntryResource {

    static final String NDJSON = "application/x-ndjson";
    static final String MAX_PAGE = "500";

    private final JournalAccess access;
    private final JournalStore store;
    private final EntryParser parser;
    private final EntryImporter importer;
    private final JournalExport exporter;
    private final Event<JournalChanged> changes;

    EntryResource(JournalAccess access, JournalStore store, EntryParser parser, EntryImporter importer,
                  JournalExport exporter, Event<JournalChanged> changes) {
        this.access = access;
        this.store = store;
        this.parser = parser;
        this.importer = importer;
        this.exporter = exporter;
        this.changes = changes;
    }

    /** The entry shape a client writes; only text is required. */
    @Schema(name = "EntryInput", description = "only text is required; writtenAt defaults to now and may be at most a day in the future")
    public record EntryInput(@Schema(required = true, maxLength = 50000) String text,
                             @Schema(example = "2026-11-01T08:30:00Z") String writtenAt,
                             @Schema(maxLength = 200) String title, List<String> tags) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write an entry (creates the user on their first entry)")
    @RequestBody(content = @Content(schema = @Schema(implementation = EntryInput.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "400", description = "invalid entry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "text too long, or the body over max-body-bytes", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the journal quota (entries or text bytes) would be passed; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("user") String user, JsonNode body, UriInfo uri) {
        access.require(user);
        UriBuilder location = uri.getAbsolutePathBuilder();
        UserIds.require("user id", user);
        EntryView entry = store.create(user, parser.parse(requireBody(body)));
        changed(user, JournalChanged.Change.CREATED);
        return Response.created(location.path(entry.id()).build()).entity(entry).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an entry with its latest inference result")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EntryView.class)))
    public EntryView get(@PathParam("user") String user, @PathParam("id") String id) {
        access.require(user);
        return store.get(UserIds.require("user id", user), uuid(user, id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an entry (a changed text is scored again)")
    @RequestBody(content = @Content(schema = @Schema(implementation = EntryInput.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "the journal quota (entries or text bytes) would be passed; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EntryView update(@PathParam("user") String user, @PathParam("id") String id, JsonNode body) {
        access.require(user);
        UserIds.require("user id", user);
        UUID entryId = uuid(user, id);
        EntryView entry = store.update(user, entryId, parser.parse(requireBody(body)));
        changed(user, JournalChanged.Change.UPDATED);
        return entry;
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an entry and its results")
    @APIResponse(responseCode = "204")
    public Response delete(@PathParam("user") String user, @PathParam("id") String id) {
        access.require(user);
        UserIds.require("user id", user);
        store.delete(user, uuid(user, id));
        changed(user, JournalChanged.Change.DELETED);
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "List entries, newest first, optionally within [from, to) (ISO dates or date-times), "
            + "containing a text (q), carrying a tag, or only those still to be scored (pending=true)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EntryPage.class)))
    @APIResponse(responseCode = "400", description = "a bad parameter, named in detail",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EntryPage list(@PathParam("user") String user, @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("q") String text, @QueryParam("tag") String tag,
                               @QueryParam("pending") String pending,
                               @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("50") int size,
                               @QueryParam("order") @DefaultValue("desc") String order) {
        access.require(user);
        UserIds.require("user id", user);
        if (page < 0 || size < 1 || size > Integer.parseInt(MAX_PAGE)) {
            throw ProblemException.badRequest("page must be >= 0 and size between 1 and " + MAX_PAGE);
        }
        if ((long) page * size > Integer.MAX_VALUE) { // the offset page * size must be an int (finding 8)
            throw ProblemException.badRequest("page must be at most " + Integer.MAX_VALUE / size + " with size " + size);
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ProblemException.badRequest("order must be 'asc' or 'desc'");
        }
        return store.list(user, EntryFilter.of(from, to, text, tag, pending), page, size, order.equals("asc"));
    }

    @POST
    @Path("/import")
    @Consumes({NDJSON, "application/jsonl"})
    @Operation(summary = "Import JSON Lines (one entry object per line); all or nothing")
    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(implementation = EntryInput.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "a bad record; errors.line names it and nothing was imported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the journal quota (entries or text bytes) would be passed; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importNdjson(@PathParam("user") String user, InputStream body) {
        access.require(user);
        UserIds.require("user id", user);
        ImportResult result = importer.importNdjson(user, body);
        changed(user, JournalChanged.Change.IMPORTED);
        return Response.status(201).entity(result).build();
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv"})
    @Operation(summary = "Import CSV with a header row (text, writtenAt, title, tags separated by ';'); all or nothing")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ImportResult.class)))
    public Response importCsv(@PathParam("user") String user, InputStream body) {
        access.require(user);
        UserIds.require("user id", user);
        ImportResult result = importer.importCsv(user, body);
        changed(user, JournalChanged.Change.IMPORTED);
        return Response.status(201).entity(result).build();
    }

    @GET
    @Path("/export")
    @Produces(NDJSON)
    @Operation(summary = "Export every entry with all its stored inference results, as JSON Lines")
    public Response export(@PathParam("user") String user) {
        access.require(user);
        UserIds.require("user id", user);
        store.revision(user); // an unknown user is a 404 before the answer starts
        StreamingOutput out = stream -> exporter.writeNdjson(user, stream);
        return Response.ok(out, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + user + "-journal.jsonl\"").build();
    }

    /** Announces a committed write (synchronously: the observers run before the answer is sent). */
    private void changed(String user, JournalChanged.Change change) {
        changes.fire(new JournalChanged(user, change));
    }

    private static JsonNode requireBody(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ProblemException.badRequest("a JSON entry object is required, e.g. {\"text\": \"...\"}");
        }
        return body;
    }

    private static UUID uuid(String user, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("user '" + user + "' has no entry " + id);
        }
    }
}
