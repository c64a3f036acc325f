package dev.moodlens.inference.config;

import dev.moodlens.models.runtime.Precision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Every knob of the inference service; documented once in application.properties. */
@ConfigMapping(prefix = "moodlens.inference")
public interface InferenceConfig {

    /** serve, or prefetch (set by {@code quarkus-run.jar prefetch}: download models, load nothing, exit). */
    @WithDefault("serve")
    String mode();

    /** auto (from memory and cores), low, standard or high. */
    @WithDefault("auto")
    String tier();

    /** auto (int8 on the low tier, fp32 otherwise), fp32 or int8. */
    @WithDefault("auto")
    String precision();

    /** ONNX Runtime intra-op threads per session; 0 = the available cores shared out among the batch workers. */
    @WithName("intra-op-threads")
    @WithDefault("0")
    int intraOpThreads();

    /** Whether ONNX Runtime's intra-op threads spin while waiting for work (they sleep when false). */
    @WithName("intra-op-spinning")
    @WithDefault("false")
    boolean intraOpSpinning();

    /**
     * The batch workers per task after resolving 0. fp32 batches: one worker per two available cores, at
     * least one. int8: one single-threaded worker per core, since an int8 run is too small to share out
     * among threads, and an int8 graph with dynamic activation scales (Hub exports) runs every text alone
     * (README, "Batch invariance"); the bundled static-scale int8 graphs batch like fp32.
     */
    default int batchWorkers(Precision precision) {
        int set = batch().workers();
        int cores = Runtime.getRuntime().availableProcessors();
        return set > 0 ? set : precision == Precision.INT8 ? cores : Math.max(1, cores / 2);
    }

    /** The intra-op threads per session after resolving 0: the cores shared out among one task's workers. */
    default int intraOpThreadsPerSession(Precision precision) {
        int set = intraOpThreads();
        return set > 0 ? set : Math.max(1, Runtime.getRuntime().availableProcessors() / batchWorkers(precision));
    }

    TaskModels sentiment();

    TaskModels emotion();

    /** Load models before the application reports started (tests) instead of in the background. */
    @WithName("load-blocking")
    @WithDefault("false")
    boolean loadBlocking();

    @WithName("max-texts")
    @WithDefault("64")
    int maxTexts();

    /**
     * A text longer than this many characters is cut to it before tokenizing when read as one input (the
     * model reads at most its max tokens anyway, and tokenizing megabytes costs seconds of CPU); read by
     * sentence, where every character counts, it is refused (400). The default is the analysis service's
     * longest entry, so every entry can be read by sentence.
     */
    @WithName("max-text-chars")
    @WithDefault("50000")
    int maxTextChars();

    /**
     * Request bodies above this many bytes get 413 problem JSON: by Content-Length before they are read and,
     * for chunked bodies, once the bytes read pass it (common's BodyLimit; quarkus.http.limits.max-body-size, a few
     * times this, is Vert.x's backstop).
     */
    @WithName("max-body-bytes")
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Decimals kept in scores (see ScoreRounding: answers are the same batched or alone). */
    @WithName("score-decimals")
    @WithDefault("3")
    int scoreDecimals();

    /** A request whose texts have not been classified within this time gets 503 with Retry-After. */
    @WithName("request-timeout")
    @WithDefault("30s")
    java.time.Duration requestTimeout();

    /** Bearer token for /v1/admin (the model swap); when absent the swap is off (403), whatever token a caller has. */
    @WithName("admin-token")
    Optional<String> adminToken();

    /**
     * A directory holding the bundled models as files ({@code <dir>/moodlens-sentiment/config.json}, ...), read
     * instead of the classpath resources of the models-bundled jar. Unset: a native executable reads the
     * {@code bundled-models} directory beside itself (the native build copies it there: the models are not in
     * the image), the JVM the classpath.
     */
    @WithName("bundled-models-dir")
    Optional<String> bundledModelsDir();

    Batch batch();

    Hub hub();

    Reading reading();

    /** How texts are read with {@code "granularity":"sentence"} (see {@code SentenceReader}). */
    interface Reading {
        /** How a text's sentences are weighed into its aggregate: emphasis, salience, length or mean (dev.moodlens.reading.ReadingRule). */
        @WithDefault("emphasis")
        dev.moodlens.reading.ReadingRule rule();

        /**
         * The share of a multi-sentence text's emotion that comes from reading the text whole (0..1; 0: its
         * sentences alone). Costs one more emotion input per such text (dev.moodlens.reading.ReadingRule#withWholeText).
         */
        @WithName("emotion-whole-text-share")
        @WithDefault("0.5")
        double emotionWholeTextShare();

        /**
         * The same for sentiment: the share of a multi-sentence text's sentiment (so of its mood) read whole. Costs one
         * more sentiment input per such text.
         */
        @WithName("sentiment-whole-text-share")
        @WithDefault("0.5")
        double sentimentWholeTextShare();

        /** More sentences than this in one request: 400 (a whole request's sentences are queued at once). */
        @WithName("max-sentences")
        @WithDefault("2048")
        int maxSentences();
    }

    interface TaskModels {
        /** Model reference for every tier: hf://org/name@revision, a directory path or bundled:name. */
        Optional<String> model();

        @WithName("model-low")
        Optional<String> modelLow();

        @WithName("model-standard")
        Optional<String> modelStandard();

        @WithName("model-high")
        Optional<String> modelHigh();
    }

    interface Batch {
        @WithName("max-size")
        @WithDefault("32")
        int maxSize();

        @WithName("max-delay-micros")
        @WithDefault("2000")
        long maxDelayMicros();

        /** Upper bound of padded tokens (rows x longest row) in one ONNX Runtime run. */
        @WithName("max-tokens")
        @WithDefault("8192")
        int maxTokens();

        /** Texts waiting per task; beyond it requests get 503 with Retry-After. */
        @WithName("queue-capacity")
        @WithDefault("512")
        int queueCapacity();

        /** Worker threads per task batcher; 0 = one per two available cores. */
        @WithName("workers")
        @WithDefault("0")
        int workers();

        /** Fixed cost of one ONNX Runtime run in padded tokens: splitting a window saves padding, costs this. */
        @WithName("run-overhead-tokens")
        @WithDefault("32")
        int runOverheadTokens();

        /** How many queued texts one worker takes, sorts by length and splits into batches. */
        @WithName("window")
        @WithDefault("128")
        int window();

        @WithName("retry-after-seconds")
        @WithDefault("1")
        int retryAfterSeconds();

        /** A batched text with a score this close to a rounding boundary is re-run alone. */
        @WithName("invariance-margin")
        @WithDefault("1e-6")
        double invarianceMargin();
    }

    interface Hub {
        @WithDefault("${HF_ENDPOINT:https://huggingface.co}")
        String endpoint();

        Optional<String> token();

        /** Defaults to HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub. */
        @WithName("cache-dir")
        Optional<String> cacheDir();

        @WithDefault("${HF_HUB_OFFLINE:false}")
        boolean offline();

        @WithName("max-retries")
        @WithDefault("5")
        int maxRetries();

        @WithName("initial-backoff")
        @WithDefault("1s")
        Duration initialBackoff();

        @WithName("max-backoff")
        @WithDefault("8s")
        Duration maxBackoff();

        /** Bound on the whole retry loop of one file, waits included. */
        @WithName("max-total")
        @WithDefault("60s")
        Duration maxTotal();

        @WithName("connect-timeout")
        @WithDefault("10s")
        Duration connectTimeout();

        /** A response (headers, or the next body bytes) that takes longer than this counts as a cut. */
        @WithName("read-timeout")
        @WithDefault("30s")
        Duration readTimeout();

        /** Consecutive failed Hub calls (in a rolling window) that open an endpoint's circuit breaker. */
        @WithName("breaker-failures")
        @WithDefault("10")
        int breakerFailures();

        @WithName("breaker-delay")
        @WithDefault("30s")
        Duration breakerDelay();
    }
}
