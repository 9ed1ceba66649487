/**
 * Model extraction: copying a black-box classifier through its prediction interface. An attack spends a
 * budget of queries on the victim ({@link org.cyberhealth.assess.extraction.CountingClassifier} counts them)
 * and trains a copy on the answers; {@link org.cyberhealth.assess.extraction.ExtractionEvaluation} measures
 * the copy's fidelity (agreement with the victim) and accuracy against the number of queries.
 */
package org.cyberhealth.assess.extraction;
