package io.github.camelzoho.attachments.benchmarks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An in-memory idempotent repository that keeps its keys when stopped, standing in for a persistent one: Camel's
 * {@code MemoryIdempotentRepository} forgets everything when its route stops, and the poll benchmark restarts its route to time
 * one poll at a time.
 */
final class KeepingRepository extends ServiceSupport implements IdempotentRepository {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    @Override
    public boolean add(String key) {
        return keys.add(key);
    }

    @Override
    public boolean contains(String key) {
        return keys.contains(key);
    }

    @Override
    public boolean remove(String key) {
        return keys.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        keys.clear();
    }

    int size() {
        return keys.size();
    }
}
