package io.ossaat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule DataDir and the console's SettingsStore both apply: any right of the group or of others opens a file. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void anyRightOfTheGroupOrOthersIsReportedWithTheMode() throws Exception {
        Path f = Files.createFile(dir.resolve("secret"));
        for (String mode : new String[] {"rw----r--", "rw--w----", "rwx-----x", "rw-r-----"}) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            assertThat(PrivateFiles.openToOthers(f)).as(mode).contains(mode);
        }
    }

    @Test
    void aFileOnlyItsOwnerMayUseIsNotOpen() throws Exception {
        Path f = Files.createFile(dir.resolve("secret"));
        for (String mode : new String[] {"rw-------", "r--------", "---------"}) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            assertThat(PrivateFiles.openToOthers(f)).as(mode).isEmpty();
        }
    }

    @Test
    void newFoldersAndTheirParentsAreForTheOwnerOnly() throws Exception {
        Path nested = dir.resolve("a/b");
        PrivateFiles.createDirectories(nested);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent()))).isEqualTo("rwx------");
        assertThat(PrivateFiles.openToOthers(nested)).isEmpty();
    }
}
