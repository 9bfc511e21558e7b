-- One sequencer pass as EventLog.sequence makes it (the engine's event tailer runs them back to back under load).
BEGIN;
SELECT set_config('enable_bitmapscan', 'off', true), last_seq FROM event_counter WHERE id = 1 FOR UPDATE \gset
WITH next AS (SELECT entry, row_number() OVER (ORDER BY entry) AS n FROM events
               WHERE seq IS NULL ORDER BY entry LIMIT 10000)
UPDATE events e SET seq = :last_seq + next.n FROM next WHERE e.entry = next.entry;
UPDATE event_counter SET last_seq = (SELECT coalesce(max(seq), 0) FROM events) WHERE id = 1;
COMMIT;
