package org.cyberhealth.ml;

/**
 * Pins DJL's PyTorch engine to one intra-op and one inter-op thread, unless the caller chose otherwise.
 *
 * <p>Several threads sum gradients in varying order, and over many epochs those rounding differences grow
 * into different models (a breast-cancer run moved between 96.5% and 99.1%); attacks that follow
 * gradients inherit the same drift. The project's networks are tiny, so one thread costs little and makes
 * a recipe or an attack give the same numbers on a given machine. Must run before the engine starts.
 */
public final class EngineThreads {

    private EngineThreads() {}

    public static void useOneUnlessSet() {
        for (String property : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "1");
            }
        }
    }
}
