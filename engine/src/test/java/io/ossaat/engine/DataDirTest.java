package io.ossaat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ossaat.engine.testing.EngineProcess;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

/**
 * {@code ossaat serve} refuses (exit 2, one line) a data dir or token file that another user owns or can read:
 * such a token could have been planted or read. It creates its own data dir 0700, and a log never holds the token.
 */
class DataDirTest {

    @Test
    void aNewDataDirIsClosedToOthers() throws Exception {
        Path dataDir = TestEngines.newDataDir().resolve("new/data");
        DataDir.prepare(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void stderrInALogNamesTheTokenFileButNotTheToken() throws Exception {
        Path dataDir = TestEngines.newDataDir();
        try (EngineProcess engine = EngineProcess.start(dataDir)) {
            assertThat(engine.api().get("/v1/plans").status()).isEqualTo(200);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("token"))))
                .isEqualTo("rw-------");
        String token = Files.readString(dataDir.resolve("token")).trim();
        String stderr = Files.readString(dataDir.resolve("engine-stderr.log"));
        assertThat(stderr).doesNotContain(token).contains(dataDir.resolve("token").toString());
    }

    @Test
    void aDataDirOthersCanReadIsRefused() throws Exception {
        Path dataDir = TestEngines.newDataDir();
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Refusal r = serve(dataDir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("is open to other users").contains("chmod 700 " + dataDir);
        assertThat(r.stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void aTokenFileOthersCanReadIsRefused() throws Exception {
        Path dataDir = TestEngines.newDataDir();
        Files.writeString(dataDir.resolve("token"), "oss_0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(dataDir.resolve("token"), PosixFilePermissions.fromString("rw-r--r--"));
        Refusal r = serve(dataDir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("the token file").contains("chmod 600");
    }

    /** As root, give the folder (or the token) to a second user, as a planted data dir would be. */
    @Test
    void aDataDirOrTokenOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to hand files to a second user");
        UserPrincipal nobody = Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");

        Path planted = TestEngines.newDataDir();
        Files.writeString(planted.resolve("token"), "oss_0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(planted.resolve("token"), PosixFilePermissions.fromString("rw-------"));
        Files.setOwner(planted, nobody);
        Refusal dir = serve(planted);
        assertThat(dir.exitCode()).isEqualTo(2);
        assertThat(dir.stderr()).contains("belongs to user nobody");

        Path plantedToken = TestEngines.newDataDir();
        Files.writeString(plantedToken.resolve("token"), "oss_0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(plantedToken.resolve("token"), PosixFilePermissions.fromString("rw-------"));
        Files.setOwner(plantedToken.resolve("token"), nobody);
        Refusal token = serve(plantedToken);
        assertThat(token.exitCode()).isEqualTo(2);
        assertThat(token.stderr()).contains("the token file").contains("belongs to user nobody");
    }

    record Refusal(int exitCode, String stderr) {
    }

    /** Runs {@code ossaat serve} on the data dir and expects it to stop by itself. */
    private static Refusal serve(Path dataDir) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.ossaat.engine.cli.Main", "serve", "--port", "0", "--data-dir", dataDir.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(p.getErrorStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("serve did not stop by itself: " + stderr);
        }
        return new Refusal(p.exitValue(), stderr);
    }
}
