package io.ossaat.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.ossaat.engine.config.ConfigLoader.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        EngineConfig c = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of());
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.dbUrl()).isEmpty();
        assertThat(c.redisUrl()).isEmpty();
        assertThat(c.insecureNoAuth()).isFalse();
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheYamlFile() throws Exception {
        Files.writeString(dir.resolve("ossaat.yaml"), "port: 7001\nbind: 127.0.0.2\nrunners: 3\n");
        EngineConfig yamlOnly = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of());
        assertThat(yamlOnly.port()).isEqualTo(7001);
        assertThat(yamlOnly.runners()).isEqualTo(3);

        EngineConfig env = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()),
                Map.of("OSSAAT_PORT", "7002"));
        assertThat(env.port()).isEqualTo(7002);
        assertThat(env.bind()).isEqualTo("127.0.0.2");

        EngineConfig flags = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(), Setting.PORT, "7003"),
                Map.of("OSSAAT_PORT", "7002"));
        assertThat(flags.port()).isEqualTo(7003);
    }

    @Test
    void clusterSettingsComeFromFlagsTheEnvironmentOrAYamlList() throws Exception {
        EngineConfig flags = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(),
                Setting.TOKEN_FILE, "/etc/ossaat/token", Setting.MCP_HOST, "ossaat.example.com,lb:8080"), Map.of());
        assertThat(flags.tokenFile()).contains(Path.of("/etc/ossaat/token"));
        assertThat(flags.mcpHosts()).containsExactly("ossaat.example.com", "lb:8080");

        EngineConfig env = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()),
                Map.of("OSSAAT_TOKEN_FILE", "/run/secrets/token", "OSSAAT_MCP_HOSTS", "ossaat , https://ossaat.example.com"));
        assertThat(env.tokenFile()).contains(Path.of("/run/secrets/token"));
        assertThat(env.mcpHosts()).containsExactly("ossaat", "https://ossaat.example.com");

        Files.writeString(dir.resolve("ossaat.yaml"), "mcp-host: [ossaat, 'lb:8080']\n");
        assertThat(ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of()).mcpHosts())
                .containsExactly("ossaat", "lb:8080");
        assertThat(ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of()).tokenFile()).isEmpty();
    }

    @Test
    void workspaceRootsComeFromRepeatedFlagsThePathListVariableOrAYamlList() throws Exception {
        String sep = java.io.File.pathSeparator;
        EngineConfig flags = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(),
                Setting.WORKSPACE_ROOT, "/srv/a" + sep + "/srv/b", Setting.KEEP_WORKTREES, "true"), Map.of());
        assertThat(flags.workspaceRoots()).containsExactly(Path.of("/srv/a"), Path.of("/srv/b"));
        assertThat(flags.keepWorktrees()).isTrue();

        EngineConfig env = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()),
                Map.of("OSSAAT_WORKSPACE_ROOTS", "/srv/c" + sep + "/srv/d", "OSSAAT_KEEP_WORKTREES", "no"));
        assertThat(env.workspaceRoots()).containsExactly(Path.of("/srv/c"), Path.of("/srv/d"));
        assertThat(env.keepWorktrees()).isFalse();

        Files.writeString(dir.resolve("ossaat.yaml"), "workspace-root: [/srv/e, /srv/f]\nkeep-worktrees: true\n");
        EngineConfig yaml = ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of());
        assertThat(yaml.workspaceRoots()).containsExactly(Path.of("/srv/e"), Path.of("/srv/f"));
        assertThat(yaml.keepWorktrees()).isTrue();

        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(),
                Setting.WORKSPACE_ROOT, "relative/root"), Map.of())).hasMessageContaining("workspace-root");
    }

    @Test
    void theDataDirComesFromTheEnvironmentToo() {
        EngineConfig c = ConfigLoader.load(Map.of(), Map.of("OSSAAT_DATA_DIR", dir.toString()));
        assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void badValuesNameTheSettingAndTheReason() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(), Setting.PORT, "seventy"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'port'").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(), Setting.PORT, "70000"), Map.of()))
                .hasMessageContaining("'port'").hasMessageContaining("65535");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(), Setting.DB_URL, "postgres://x"), Map.of()))
                .hasMessageContaining("'db-url'").hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(), Setting.REDIS_URL, "http://x"), Map.of()))
                .hasMessageContaining("'redis-url'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of("OSSAAT_INSECURE_NO_AUTH", "maybe")))
                .hasMessageContaining("'insecure-no-auth'");
    }

    @Test
    void insecureNoAuthIsRefusedOffLoopback() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(), Setting.BIND, "0.0.0.0",
                Setting.INSECURE_NO_AUTH, "true"), Map.of()))
                .hasMessageContaining("'insecure-no-auth'").hasMessageContaining("loopback");
        assertThat(ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString(), Setting.INSECURE_NO_AUTH, "true"), Map.of())
                .insecureNoAuth()).isTrue();
    }

    @Test
    void unknownOrMalformedYamlIsRejectedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("ossaat.yaml"), "prot: 80\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of()))
                .hasMessageContaining("'prot'").hasMessageContaining("ossaat.yaml");
        Files.writeString(dir.resolve("ossaat.yaml"), "port: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.DATA_DIR, dir.toString()), Map.of()))
                .hasMessageContaining("not valid YAML");
    }
}
