-- SLO history: event counts per SLO and time bucket, one row per engine instance.
-- Each instance adds its own deltas (INSERT ... ON CONFLICT DO UPDATE); readers sum over instances.
-- Stands alone: depends on no other migration.
create table slo_buckets (
    slo           text        not null,
    bucket_start  timestamptz not null,
    width_seconds int         not null check (width_seconds > 0),
    instance      text        not null,
    total         bigint      not null default 0 check (total >= 0),
    good          bigint      not null default 0 check (good >= 0 and good <= total),
    primary key (slo, bucket_start, width_seconds, instance)
);

-- loads and prunes select one width from a start time on
create index slo_buckets_width_start on slo_buckets (width_seconds, bucket_start);
