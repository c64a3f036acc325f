package dev.moodlens.common.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A read-through cache of JSON results in Redis. It takes {@link Record} types only, serialized as
 * JSON: a live object (an ONNX session, a connection) cannot be offered to it. Keys are namespaced,
 * versioned and keyed with a secret ({@link CacheKeys}) and always carry a TTL.
 * <p>
 * Redis is an accelerator, never a dependency: every Redis call is bounded by a timeout and any
 * failure (down, slow, corrupt entry) falls through to computing the value, so callers only get
 * slower. The first failure is logged once; {@link #available()} feeds the health check.
 */
@ApplicationScoped
public class JsonResultCache {

    private static final Logger LOG = Logger.getLogger(JsonResultCache.class);

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Duration timeout;
    private final boolean enabled;
    private final CacheKeys keys;
    private final AtomicBoolean degraded = new AtomicBoolean(false);

    @Inject
    public JsonResultCache(Instance<ReactiveRedisDataSource> redis, ObjectMapper json, MeterRegistry metrics,
                           @ConfigProperty(name = "moodlens.cache.enabled", defaultValue = "true") boolean enabled,
                           @ConfigProperty(name = "moodlens.cache.timeout", defaultValue = "PT0.25S") Duration timeout,
                           @ConfigProperty(name = "moodlens.cache.key-secret") java.util.Optional<String> keySecret) {
        this.keys = new CacheKeys(keySecret.orElse(null));
        this.enabled = enabled && redis.isResolvable();
        this.values = this.enabled ? redis.get().value(String.class) : null;
        this.json = json;
        this.metrics = metrics;
        this.timeout = timeout;
        if (!this.enabled) {
            LOG.info("Result cache is off (moodlens.cache.enabled=false): results are computed on every request");
        }
    }

    /**
     * The cached value of {@code key}, or else the value {@code compute} produces, which is then
     * stored with {@code ttl}. Never fails because of Redis.
     */
    public <T extends Record> Uni<T> getOrCompute(String namespace, String key, Class<T> type, Duration ttl,
                                                  Supplier<Uni<T>> compute) {
        return get(namespace, key, type).onItem().transformToUni(hit -> {
            if (hit != null) {
                return Uni.createFrom().item(hit);
            }
            return compute.get().call(value -> value == null ? Uni.createFrom().voidItem() : put(namespace, key, value, ttl));
        });
    }

    /** The cached value, or null when absent, expired, unreadable or Redis is unavailable. */
    public <T extends Record> Uni<T> get(String namespace, String key, Class<T> type) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        return bounded(values.get(keys.of(namespace, key)))
                .map(text -> {
                    if (text == null) {
                        count("miss", namespace);
                        return null;
                    }
                    try {
                        T value = json.readValue(text, type);
                        count("hit", namespace);
                        return value;
                    } catch (JsonProcessingException e) {
                        // An entry written by another version: treat as a miss, it will be overwritten.
                        count("miss", namespace);
                        return null;
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    count("error", namespace);
                    return null;
                });
    }

    /**
     * Cached values of many keys of one namespace in one round trip (MGET); keys that are absent,
     * unreadable, or all of them when Redis is unavailable, are left out of the map.
     */
    public <T extends Record> Uni<Map<String, T>> getAll(String namespace, List<String> keys, Class<T> type) {
        if (!enabled || keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] full = keys.stream().map(k -> this.keys.of(namespace, k)).toArray(String[]::new);
        return bounded(values.mget(full))
                .map(found -> {
                    Map<String, T> out = new HashMap<>();
                    for (int i = 0; i < full.length; i++) {
                        String text = found.get(full[i]);
                        T value = null;
                        try {
                            value = text == null ? null : json.readValue(text, type);
                        } catch (JsonProcessingException e) {
                            // written by another version: a miss, it will be overwritten
                        }
                        if (value != null) {
                            out.put(keys.get(i), value);
                        }
                    }
                    count("hit", namespace, out.size());
                    count("miss", namespace, full.length - out.size());
                    return out;
                })
                .onFailure().recoverWithItem(failure -> {
                    count("error", namespace, full.length);
                    return Map.of();
                });
    }

    /** Stores a value; failures are swallowed (and counted). */
    public <T extends Record> Uni<Void> put(String namespace, String key, T value, Duration ttl) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        String text;
        try {
            text = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cache values must be JSON-serializable records", e);
        }
        return bounded(values.set(keys.of(namespace, key), text, new SetArgs().px(ttl)))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Removes one key; failures are swallowed (the TTL still bounds staleness). */
    public Uni<Void> invalidate(String namespace, String key) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return bounded(values.getdel(keys.of(namespace, key))).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** True when the cache is configured and its last Redis call succeeded. */
    public boolean available() {
        return enabled && !degraded.get();
    }

    public boolean enabled() {
        return enabled;
    }

    private <R> Uni<R> bounded(Uni<R> call) {
        return call.ifNoItem().after(timeout).fail()
                .onItem().invoke(x -> {
                    if (degraded.compareAndSet(true, false)) {
                        LOG.info("Redis is reachable again: result cache resumed");
                    }
                })
                .onFailure().invoke(failure -> {
                    if (degraded.compareAndSet(false, true)) {
                        LOG.warnf("Redis unavailable (%s): serving without the result cache until it returns",
                                failure.getClass().getSimpleName());
                    }
                });
    }

    private void count(String outcome, String namespace) {
        count(outcome, namespace, 1);
    }

    private void count(String outcome, String namespace, int n) {
        if (n > 0) {
            metrics.counter("moodlens.cache.requests", "outcome", outcome, "namespace", namespace).increment(n);
        }
    }
}
