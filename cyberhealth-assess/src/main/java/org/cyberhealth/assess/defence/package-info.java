/**
 * Defences against evasion and how to measure them honestly: adversarial and noise training
 * ({@link org.cyberhealth.assess.defence.TrainingTransforms}), input preprocessing with its adaptive attack
 * ({@link org.cyberhealth.assess.defence.PreprocessedClassifier}, BPDA), and randomised smoothing with a certified
 * radius ({@link org.cyberhealth.assess.defence.RandomisedSmoothing}).
 */
package org.cyberhealth.assess.defence;
