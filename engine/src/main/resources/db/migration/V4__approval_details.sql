-- What a human approves on a step, fixed when the plan is made: the exact command it runs and the SHA-256 of the
-- patch it applies.
alter table steps add column approval_command text;
alter table steps add column approval_patch_sha256 text check (approval_patch_sha256 ~ '^[0-9a-f]{64}$');
