package org.cyberhealth.tabular.io;

/** Writes every row of an output table into the sink it is given. */
@FunctionalInterface
public interface RowProducer {
    void produce(RowSink sink);
}
