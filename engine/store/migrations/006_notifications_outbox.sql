-- Notifications in applicants' accounts, and the outbox of messages to send outside (e-mails) or to do
-- (paper copies). Both are written in the transaction of the step that produces them. A sender takes
-- due e-mails with FOR UPDATE SKIP LOCKED and holds each until `claimed_until`, so several server
-- processes never send one message at once; a sender that dies lets its lease run out.
CREATE TABLE notifications (
  id         text COLLATE "C" PRIMARY KEY,
  user_id    text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL,
  read       boolean NOT NULL DEFAULT false,
  record     jsonb NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE NOT read;

CREATE TABLE outbox (
  id              text COLLATE "C" PRIMARY KEY,
  region          text COLLATE "C" NOT NULL,
  application_id  text COLLATE "C" NOT NULL,
  channel         text NOT NULL,
  status          text NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  claimed_until   timestamptz,
  created_at      timestamptz NOT NULL,
  record          jsonb NOT NULL
);
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_application ON outbox (application_id, created_at);
CREATE INDEX outbox_region_pending ON outbox (region, channel) WHERE status = 'pending';
