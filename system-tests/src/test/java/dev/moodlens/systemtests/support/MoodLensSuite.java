package dev.moodlens.systemtests.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The three real services started once per test JVM, wired to each other and to dependencies of our own
 * that the fault tests may break: a private PostgreSQL cluster, a private Redis and a stand-in LLM endpoint
 * that always fails (429, then 500). Stopped by a shutdown hook when the test JVM ends; the service logs
 * stay in target/system-logs.
 */
public final class MoodLensSuite {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static MoodLensSuite instance;

    public final Optional<PrivatePostgres> postgres;
    public final Optional<PrivateRedis> redis;
    public final StandInServer llm;
    public final ServiceProcess inference;
    public final ServiceProcess analysis;
    public final ServiceProcess chat;

    /** The shared suite, started on first use. */
    public static synchronized MoodLensSuite get() {
        if (instance == null) {
            instance = new MoodLensSuite();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "moodlens-suite-stop"));
            instance.start();
        }
        return instance;
    }

    /** A suite for the load test: the chat's own offline responder, JVMs tuned as in production (no quick JIT). */
    public static MoodLensSuite startForLoad() {
        MoodLensSuite suite = new MoodLensSuite(false);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "moodlens-suite-stop"));
        suite.start();
        return suite;
    }

    private MoodLensSuite() {
        this(true);
    }

    private MoodLensSuite(boolean forTests) {
        postgres = PrivatePostgres.create();
        redis = PrivateRedis.available() ? Optional.of(new PrivateRedis().start()) : Optional.empty();
        // The first call is rate limited, every later one fails: the chat must answer offline either way.
        llm = new StandInServer(n -> n == 0 ? StandInServer.Fault.status(429, "1") : StandInServer.Fault.status(500));

        String jdbcUrl = postgres.map(PrivatePostgres::jdbcUrl).orElse(System.getProperty("moodlens.system.db-url",
                "jdbc:postgresql://127.0.0.1:5432/moodlens_system"));
        String redisUrl = redis.map(PrivateRedis::url).orElse("redis://127.0.0.1:6379");

        inference = new ServiceProcess("inference", forTests ? "inference" : "load-inference", "1g").quick(forTests);
        analysis = new ServiceProcess("analysis", forTests ? "analysis" : "load-analysis", "768m").quick(forTests)
                .property("quarkus.datasource.jdbc.url", jdbcUrl)
                .property("quarkus.redis.hosts", redisUrl)
                .property("moodlens.analysis.inference-url", inference.url())
                // pending entries are picked up within seconds once inference is back
                .property("moodlens.analysis.rescore-every", "1s")
                .property("moodlens.analysis.rescore-delay", "1s")
                .property("quarkus.fault-tolerance.\"dev.moodlens.analysis.scoring.InferenceClient/classify\".circuit-breaker.delay", "500")
                .property("quarkus.fault-tolerance.\"dev.moodlens.analysis.scoring.InferenceClient/classify\".circuit-breaker.delay-unit", "millis");
        chat = new ServiceProcess("chat", forTests ? "chat" : "load-chat", "512m").quick(forTests)
                .property("quarkus.datasource.jdbc.url", jdbcUrl)
                .property("quarkus.redis.hosts", redisUrl)
                .property("moodlens.chat.inference-url", inference.url())
                .property("moodlens.chat.analysis-url", analysis.url());
        if (forTests) {
            chat.property("moodlens.chat.llm.backend", "openai")
                    .property("moodlens.chat.llm.openai.base-url", llm.url() + "/v1")
                    .property("moodlens.chat.llm.openai.timeout", "PT5S")
                    .property("moodlens.chat.llm.offline.token-delay", "PT0.001S");
        }
    }

    private void start() {
        for (ServiceProcess service : services()) {
            service.start();
        }
        for (ServiceProcess service : services()) {
            service.awaitReady(READY_TIMEOUT);
        }
    }

    public List<ServiceProcess> services() {
        return List.of(inference, analysis, chat);
    }

    public String entries(String user) {
        return analysis.url() + "/v1/users/" + user + "/entries";
    }

    /** How many entries the user has, as the analysis service lists them. */
    public long entryCount(String user) {
        Http.Answer answer = Http.get(entries(user) + "?size=1");
        if (answer.status() == 404) {
            return 0;
        }
        if (answer.status() != 200) {
            throw new AssertionError("listing entries: " + answer);
        }
        return answer.json().get("total").asLong();
    }

    private void close() {
        for (ServiceProcess service : List.of(chat, analysis, inference)) {
            try {
                service.stop();
            } catch (RuntimeException ignored) {
                // keep stopping the others
            }
        }
        llm.close();
        redis.ifPresent(PrivateRedis::close);
        postgres.ifPresent(PrivatePostgres::close);
    }
}
