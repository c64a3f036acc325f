package dev.moodlens.chat.account;

import dev.moodlens.chat.context.AnalysisClient;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Whether the analysis service already keeps a journal under a name. Asked before a registration: when the
 * answer cannot be had the registration is refused (503) rather than risk handing a stranger someone's journal.
 */
@ApplicationScoped
public class ExistingJournals {

    private static final Logger LOG = Logger.getLogger(ExistingJournals.class);

    private final AnalysisClient analysis;

    public ExistingJournals(@RestClient AnalysisClient analysis) {
        this.analysis = analysis;
    }

    /** Blocking; call it from a worker thread. */
    public boolean exists(String user) {
        try {
            // A one-entry listing: 404 when there is no journal. Bounded by the client's @Timeout.
            analysis.listEntries(user, null, null, null, null, null, 0, 1, null).await().indefinitely();
            return true;
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return false;
            }
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(RuntimeException cause) {
        LOG.warnf("Registration refused: the analysis service could not say whether a journal exists (%s)", cause.toString());
        return ProblemException.unavailable("registration is not possible right now; try again in a minute", 30);
    }
}
