package org.cyberhealth.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest, so there is one place that sets it: the build. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"cyberhealth " + (version == null ? "(development build)" : version)};
    }
}
