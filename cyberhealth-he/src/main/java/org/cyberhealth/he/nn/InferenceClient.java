package org.cyberhealth.he.nn;

import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Decryptor;
import org.cyberhealth.he.ckks.Encoder;
import org.cyberhealth.he.ckks.Encryptor;

/** The client's side: packs and encrypts a batch of samples, and decrypts and unpacks the predictions. */
public final class InferenceClient {

    private final HeModel model;
    private final CkksParameters parameters;
    private final SlotLayout layout;
    private final Encoder encoder;
    private final Encryptor encryptor;
    private final Decryptor decryptor;

    public InferenceClient(HeModel model, CkksParameters parameters, Encoder encoder, Encryptor encryptor, Decryptor decryptor) {
        this.model = model;
        this.parameters = parameters;
        layout = SlotLayout.forModel(model, parameters.slots());
        this.encoder = encoder;
        this.encryptor = encryptor;
        this.decryptor = decryptor;
    }

    public int batchCapacity() {
        return layout.capacity();
    }

    public Ciphertext encrypt(double[][] samples) {
        return encryptor.encrypt(encoder.encode(layout.pack(samples), parameters.maxLevel(), parameters.scale()));
    }

    public double[][] decrypt(Ciphertext predictions, int samples) {
        return layout.unpack(encoder.decode(decryptor.decrypt(predictions))[0], samples, model.outputSize());
    }
}
