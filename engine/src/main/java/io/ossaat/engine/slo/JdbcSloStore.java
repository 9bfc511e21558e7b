package io.ossaat.engine.slo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

/** {@link SloStore} on the {@code slo_buckets} table (migration {@code V2__slo_buckets.sql}). */
public final class JdbcSloStore implements SloStore {
    private static final String UPSERT = """
            insert into slo_buckets (slo, bucket_start, width_seconds, instance, total, good)
            values (?, ?, ?, ?, ?, ?)
            on conflict (slo, bucket_start, width_seconds, instance) do update
            set total = slo_buckets.total + excluded.total, good = slo_buckets.good + excluded.good
            """;
    private static final String LOAD = """
            select slo, bucket_start, sum(total), sum(good) from slo_buckets
            where width_seconds = ? and bucket_start >= ?
            group by slo, bucket_start
            order by slo, bucket_start
            """;
    private static final String PRUNE = "delete from slo_buckets where width_seconds = ? and bucket_start < ?";

    private final DataSource dataSource;
    private final String instance;

    /**
     * @param dataSource the engine's pool
     * @param instance   this engine instance's id, stable across restarts if possible (rows are summed over
     *                   instances either way)
     */
    public JdbcSloStore(DataSource dataSource, String instance) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("instance must not be blank");
        }
        this.instance = instance;
    }

    @Override
    public void save(Collection<SloBucket> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (SloBucket b : deltas) {
                    ps.setString(1, b.slo());
                    ps.setObject(2, OffsetDateTime.ofInstant(b.start(), ZoneOffset.UTC));
                    ps.setInt(3, b.widthSeconds());
                    ps.setString(4, instance);
                    ps.setLong(5, b.total());
                    ps.setLong(6, b.good());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new SloStoreException("cannot save " + deltas.size() + " SLO buckets: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SloBucket> load(int widthSeconds, Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setInt(1, widthSeconds);
            ps.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            List<SloBucket> buckets = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new SloBucket(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                                              widthSeconds, rs.getLong(3), rs.getLong(4)));
                }
            }
            return buckets;
        } catch (SQLException e) {
            throw new SloStoreException("cannot load SLO buckets: " + e.getMessage(), e);
        }
    }

    @Override
    public void prune(int widthSeconds, Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PRUNE)) {
            ps.setInt(1, widthSeconds);
            ps.setObject(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SloStoreException("cannot prune SLO buckets: " + e.getMessage(), e);
        }
    }
}
