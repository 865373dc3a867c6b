package br.com.kycert.shared;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A per-node map of at most {@code max} entries; past that the oldest entry goes first. Lock-free for readers,
 * so the event loop may read it. {@code max} 0 holds nothing. What a value means, and when it may be kept, is
 * the caller's: this only bounds it.
 */
public final class BoundedCache<K, V> {

    private final int max;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final Queue<K> order = new ConcurrentLinkedQueue<>();

    public BoundedCache(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        this.max = max;
    }

    public Optional<V> get(K key) {
        return max == 0 ? Optional.empty() : Optional.ofNullable(entries.get(key));
    }

    /** Keeps {@code value} unless the key already has one (the first value kept stays). */
    public void keep(K key, V value) {
        if (max == 0) {
            return;
        }
        if (entries.putIfAbsent(key, value) == null) {
            order.add(key);
            while (entries.size() > max) {
                K oldest = order.poll();
                if (oldest == null) {
                    break;
                }
                entries.remove(oldest);
            }
        }
    }

    /** Drops the key's entry (rare: linear in the size). */
    public void forget(K key) {
        if (entries.remove(key) != null) {
            order.remove(key);
        }
    }

    public int size() {
        return entries.size();
    }
}
