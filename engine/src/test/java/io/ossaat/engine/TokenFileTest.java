package io.ossaat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.ossaat.engine.config.ConfigException;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

/** {@code --token-file}: a cluster's instances read one owner token from a file the operator provides. */
class TokenFileTest {

    @Test
    void aGroupReadableSecretIsReadAsTheOwnerToken() throws Exception {
        Path file = token("oss_0123456789abcdef\n", "rw-r-----"); // a Kubernetes Secret with defaultMode 0440 + fsGroup
        assertThat(TokenStore.read(file)).isEqualTo(new TokenStore.Token("oss_0123456789abcdef", false));
    }

    @Test
    void aFileEveryUserMayReadIsRefused() throws Exception {
        Path file = token("oss_0123456789abcdef", "rw-r--r--");
        assertThatThrownBy(() -> TokenStore.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("token-file").hasMessageContaining("open to every user");
    }

    @Test
    void aShortOrMissingTokenIsRefused() throws Exception {
        assertThatThrownBy(() -> TokenStore.read(token("short", "rw-------")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> TokenStore.read(token("two tokens in one file", "rw-------")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> TokenStore.read(TestEngines.newDataDir().resolve("absent")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
    }

    private static Path token(String content, String mode) throws Exception {
        Path file = TestEngines.newDataDir().resolve("token-secret");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
