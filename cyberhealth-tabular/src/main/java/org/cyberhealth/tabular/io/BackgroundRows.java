package org.cyberhealth.tabular.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cyberhealth.core.CyberHealthException;

/**
 * Parsing, marking and formatting rows are each a sizeable share of the work, so on a multi-core machine
 * they run on different threads: {@link #read} parses ahead in the background and {@link #write} formats
 * behind, each handing over batches through a small bounded queue (memory stays constant). The caller's
 * thread does the work in the middle. An error on a background thread surfaces, unchanged, in the
 * caller's thread.
 */
public final class BackgroundRows implements AutoCloseable {

    private static final int BATCH = 1024;
    private static final int QUEUED_BATCHES = 8;
    private static final List<String[]> END = new ArrayList<>();

    private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "cyberhealth-rows");
        thread.setDaemon(true);
        return thread;
    });

    /** A reader whose rows are parsed ahead by a background thread. */
    public TableReader read(TableReader source) {
        BlockingQueue<List<String[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Future<?> producer = threads.submit(() -> {
            List<String[]> batch = new ArrayList<>(BATCH);
            String[] row;
            while ((row = source.next()) != null) {
                batch.add(row);
                if (batch.size() == BATCH) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                queue.put(batch);
            }
            queue.put(END);
            return null;
        });
        return new TableReader() {
            private List<String[]> batch = List.of();
            private int next;
            private boolean ended;

            @Override
            public TableHeader header() {
                return source.header();
            }

            @Override
            public String[] next() {
                while (next == batch.size()) {
                    if (ended) {
                        return null;
                    }
                    batch = take(queue, producer);
                    next = 0;
                    if (batch == END) {
                        ended = true;
                        rethrow(producer);
                        return null;
                    }
                }
                return batch.get(next++);
            }

            @Override
            public double progress() {
                return source.progress();
            }

            @Override
            public void close() {
                producer.cancel(true);
                source.close();
            }
        };
    }

    /**
     * Runs {@code producer} in the caller's thread with a sink whose rows {@code target} receives on a
     * background thread, in order; returns when every row has reached {@code target}.
     */
    public void write(RowSink target, RowProducer producer) {
        BlockingQueue<List<String[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Future<?> consumer = threads.submit(() -> {
            List<String[]> batch;
            while ((batch = queue.take()) != END) {
                batch.forEach(target::write);
            }
            return null;
        });
        List<List<String[]>> pending = new ArrayList<>(1);
        pending.add(new ArrayList<>(BATCH));
        try {
            producer.produce(row -> {
                List<String[]> batch = pending.get(0);
                batch.add(row);
                if (batch.size() == BATCH) {
                    put(queue, batch, consumer);
                    pending.set(0, new ArrayList<>(BATCH));
                }
            });
            put(queue, pending.get(0), consumer);
            put(queue, END, consumer);
            rethrow(consumer);
        } finally {
            consumer.cancel(true);
        }
    }

    private static List<String[]> take(BlockingQueue<List<String[]>> queue, Future<?> producer) {
        try {
            List<String[]> batch;
            while ((batch = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                if (producer.isDone()) {
                    rethrow(producer);
                }
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading rows", e);
        }
    }

    private static void put(BlockingQueue<List<String[]>> queue, List<String[]> batch, Future<?> consumer) {
        try {
            while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (consumer.isDone()) {
                    rethrow(consumer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing rows", e);
        }
    }

    /** Waits for a finished background task and throws its failure, if any, as it was thrown. */
    private static void rethrow(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CyberHealthException(CyberHealthException.BAD_INPUT, cause.getMessage(), cause);
        } catch (java.util.concurrent.CancellationException e) {
            // Cancelled because the caller is closing: nothing to report.
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
