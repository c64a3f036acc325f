package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.journal.CurrentModels;
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
     * How entries are read ({@code /v1/classify} granularity and the inference service's reading of it): part of
     * the model key, so results of another reading (the whole-text results stored before sentence reading; the
     * sentence-only emotion before the whole text took half of it, "by-sentence") count as stale and are rescored.
     */
    public static final String READING = "by-sentence-2";

    /** The pair of models that scores entries. */
    public record Models(ModelStamp sentiment, ModelStamp emotion) {
        public String key() {
            return sentiment.key() + "|" + emotion.key() + "|" + READING;
        }
    }

    private final AtomicReference<Models> current = new AtomicReference<>();

    private final EntityManager em;

    ModelRevisions(EntityManager em) {
        this.em = em;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<Object[]> rows = em.createQuery("select s.sentimentModel, s.sentimentRevision, s.emotionModel, s.emotionRevision "
                + "from EntryScore s order by s.scoredAt desc", Object[].class).setMaxResults(1).getResultList();
        if (!rows.isEmpty()) {
            Object[] r = rows.get(0);
            current.compareAndSet(null, new Models(new ModelStamp((String) r[0], (String) r[1]),
                    new ModelStamp((String) r[2], (String) r[3])));
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

    /** Records the models of an inference answer; a change makes every entry pending for rescoring. */
    public void observe(ModelStamp sentiment, ModelStamp emotion) {
        if (sentiment == null || emotion == null) {
            return;
        }
        Models seen = new Models(sentiment, emotion);
        Models before = current.getAndSet(seen);
        if (before == null) {
            LOG.debugf("Inference models: %s", seen.key());
        } else if (!before.equals(seen)) {
            LOG.infof("Inference models changed from %s to %s: entries will be rescored", before.key(), seen.key());
        }
    }
}
