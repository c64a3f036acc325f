package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.journal.CurrentModels;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.ModelStamp;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model revisions the inference service currently serves, as learnt from its last answer (and at
 * start from the newest stored result). Entries without a result from these revisions are pending.
 */
@ApplicationScoped
public class ModelRevisions implements CurrentModels {

    private static final Logger LOG = Logger.getLogger(ModelRevisions.class);
    public static final String UNKNOWN = "unknown";

    /**
     * The pair of models that scores entries and how the inference service read the entries with them (its answer's
     * {@code reading}): a result of other models or another reading (another rule or share set by an operator, the
     * whole-text results stored before sentence reading) counts as stale and is rescored.
     */
    public record Models(ModelStamp sentiment, ModelStamp emotion, String reading) {

        public static Models of(AnalyzeResponse answer) {
            return new Models(answer.sentimentModel(), answer.emotionModel(), answer.reading());
        }

        public String key() {
            return sentiment.key() + "|" + emotion.key() + "|" + reading;
        }

        /** The reading part of a stored {@link #key()}. */
        static String readingOf(String key) {
            return key.substring(key.lastIndexOf('|') + 1);
        }
    }

    private final AtomicReference<Models> current = new AtomicReference<>();

    private final EntityManager em;

    ModelRevisions(EntityManager em) {
        this.em = em;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<Object[]> rows = em.createQuery("select s.sentimentModel, s.sentimentRevision, s.emotionModel, s.emotionRevision, "
                + "s.modelKey from EntryScore s order by s.scoredAt desc", Object[].class).setMaxResults(1).getResultList();
        if (!rows.isEmpty()) {
            Object[] r = rows.get(0);
            current.compareAndSet(null, new Models(new ModelStamp((String) r[0], (String) r[1]),
                    new ModelStamp((String) r[2], (String) r[3]), Models.readingOf((String) r[4])));
        }
    }

    /** The current models, or null when no answer was ever seen. */
    public Models current() {
        return current.get();
    }

    /** The current model key, {@value #UNKNOWN} before any answer. */
    @Override
    public String key() {
        Models models = current.get();
        return models == null ? UNKNOWN : models.key();
    }

    /** Records the models and reading of an inference answer; a change makes every entry pending for rescoring. */
    public void observe(AnalyzeResponse answer) {
        if (answer.sentimentModel() == null || answer.emotionModel() == null || answer.reading() == null) {
            return;
        }
        Models seen = Models.of(answer);
        Models before = current.getAndSet(seen);
        if (before == null) {
            LOG.debugf("Inference models: %s", seen.key());
        } else if (!before.equals(seen)) {
            LOG.infof("Inference models changed from %s to %s: entries will be rescored", before.key(), seen.key());
        }
    }
}
