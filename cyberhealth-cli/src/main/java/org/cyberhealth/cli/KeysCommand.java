package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.core.keys.VerificationKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cyberhealth keys}: issuer keys and their public verification keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create issuer keys and export their public verification keys.",
        subcommands = {KeysCommand.New.class, KeysCommand.Public.class},
        footer = {"", "Example:", "  cyberhealth keys new --issuer \"St. Example Hospital\" --out hospital.key",
                "  cyberhealth keys public hospital.key --out hospital.pub"})
final class KeysCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose 'keys new' or 'keys public'");
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Create an issuer key file: an Ed25519 signing key and a secret from which the embedding,",
                "encryption and tag keys are derived. The file is written readable by its owner only; keep it safe."},
            footer = {"", "Example:", "  cyberhealth keys new --issuer \"St. Example Hospital\" --out hospital.key"})
    static final class New implements Callable<Integer> {

        @Option(names = "--issuer", required = true, description = "Name of the issuing organisation, as shown in reports.")
        String issuer;

        @Option(names = "--out", required = true, description = "Key file to create.")
        Path out;

        @Option(names = "--force", description = "Replace an existing key file (the old key is lost).")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            IssuerKey key = IssuerKey.generate(issuer);
            KeyFiles.writeIssuerKey(key, out, force);
            output.print(JsonOutput.object("keyFile", out.toString(), "issuer", issuer, "keyId", key.keyId()),
                    "created issuer key " + key.keyId() + " in " + out + " (owner-only; keep it secret)");
            return 0;
        }
    }

    @Command(name = "public", mixinStandardHelpOptions = true,
            description = {"Export the verification key of an issuer key. Recipients use it to check that an image",
                "is intact; it cannot make seals and cannot read traceability records."},
            footer = {"", "Example:", "  cyberhealth keys public hospital.key --out hospital.pub"})
    static final class Public implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "KEY", description = "The issuer key file.")
        Path keyFile;

        @Option(names = "--out", required = true, description = "Verification key file to create.")
        Path out;

        @Option(names = "--force", description = "Replace an existing file.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            VerificationKey key = KeyFiles.readVerificationKey(keyFile);
            KeyFiles.writeVerificationKey(key, out, force);
            output.print(JsonOutput.object("verificationKeyFile", out.toString(), "issuer", key.issuer(), "keyId", key.keyId()),
                    "exported verification key " + key.keyId() + " to " + out);
            return 0;
        }
    }
}
