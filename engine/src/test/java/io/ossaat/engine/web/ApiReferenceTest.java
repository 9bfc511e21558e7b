package io.ossaat.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.ossaat.engine.testing.Api;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/api.md is what the served /openapi renders to: an API change without './ossaat docs' fails here. */
class ApiReferenceTest {
    final Api api = SharedEngine.api();

    @Test
    void docsApiMdIsTheReferenceOfTheServedOpenApiDocument() throws IOException {
        Api.Response r = api.get("/openapi");
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> served = new Yaml().load(r.body());
        Path file = repositoryRoot().resolve("docs/api.md");

        String expected = ApiReference.markdown(served);

        assertThat(file).as("docs/api.md is missing: run %s", ApiReference.REGENERATE).exists();
        assertThat(Files.readString(file))
                .as("docs/api.md differs from what GET /openapi renders to: run %s and commit docs/api.md",
                        ApiReference.REGENERATE)
                .isEqualTo(expected);
        assertThat(ApiReference.ofThisEngine()).as("the docs command renders the served document")
                .isEqualTo(expected);
    }

    @Test
    void everyRouteHasItsSectionAndEverySchemaItsAnchor() {
        String md = ApiReference.ofThisEngine();
        assertThat(md).contains("### POST /v1/plans\n", "### GET /v1/plans/{id}/events\n", "### NewPlan\n")
                .contains("[`/v1/plans/{id}/steps/{stepId}/approve`](#post-v1plansidstepsstepidapprove)")
                .contains("| GET | [`/healthz`](#get-healthz) | Liveness | anyone (no token) |")
                .contains("`owner`, `approver`");
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("ossaat")) && Files.isDirectory(dir.resolve("engine")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root (where the ossaat launcher is) above %s", Path.of("").toAbsolutePath())
                .isNotNull();
        return dir;
    }
}
