/**
 * Provenance marks: proof that a model or a data set came from its owner. Model watermarks, white-box
 * ({@link org.cyberhealth.assess.provenance.UchidaWatermark}, Uchida et al. 2017) and black-box
 * ({@link org.cyberhealth.assess.provenance.TriggerSet}, Adi et al. 2018), with the attacks that test them
 * ({@link org.cyberhealth.assess.provenance.ModelAttacks}); radioactive data
 * ({@link org.cyberhealth.assess.provenance.RadioactiveMarking} and
 * {@link org.cyberhealth.assess.provenance.RadioactiveDetection}, Sablayrolles et al. 2020). Every verification ends
 * in a p-value against an exactly known null; every secret comes from the owner's key.
 */
package org.cyberhealth.assess.provenance;
