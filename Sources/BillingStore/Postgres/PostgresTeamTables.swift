/// The tables a team shares beyond the records: the actions journal (as on SQLite), the viewers' action
/// requests, and the change log whose sequence numbers the writer NOTIFYs.
enum PostgresTeamTables {
    /// The channel every commit is announced on; the payload is only the change's sequence number.
    static let channel = "billtop_change"

    /// The advisory lock every change_log append holds until its transaction ends. A sequence number is taken
    /// only under it, so numbers commit in order: a listener that has read up to N can never later find an N-1
    /// it skipped (two open transactions would otherwise commit 6 before 5).
    static let changeLockKey: Int64 = 0x6269_6C6C_746F_7001  // "billtop" + 1

    /// `v10-pg-action-journal`: the same columns as SQLite's `action_journal` (`Schema/ActionJournalTable`).
    static let journal: [String] = [
        """
        CREATE TABLE action_journal (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_id bigint NOT NULL REFERENCES source(id),
            kind text NOT NULL,
            object_kind text NOT NULL,
            object_id text NOT NULL,
            customer_id text,
            parameters text NOT NULL DEFAULT '{}',
            token text NOT NULL,
            who text NOT NULL DEFAULT '',
            host text NOT NULL DEFAULT '',
            created_at bigint NOT NULL,
            sent_at bigint,
            finished_at bigint,
            sends integer NOT NULL DEFAULT 0,
            state text NOT NULL DEFAULT 'pending',
            provider_status integer,
            message text NOT NULL DEFAULT '',
            duration_ms bigint
        )
        """,
        "CREATE INDEX action_journal_open ON action_journal (source_id, state) WHERE state IN ('pending', 'sent')",
        "CREATE INDEX action_journal_customer ON action_journal (customer_id, id)",
    ]

    /// `v11-pg-journal-token`: a token is journalled once. A team request's attempt is journalled under the token
    /// its viewer made, so a second serve that somehow took the same request fails at the journal, before sending.
    static let journalToken: [String] = [
        "CREATE UNIQUE INDEX action_journal_token ON action_journal (token)"
    ]

    /// `v10-pg-change-log`: one row per committed change, appended only through `billtop_log_change`, which takes
    /// the ordering lock, then NOTIFYs the new number (delivered by the server at commit, never before).
    static let changeLog: [String] = [
        """
        CREATE TABLE change_log (
            seq bigserial PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            source_id bigint,
            what text NOT NULL,
            rows bigint NOT NULL DEFAULT 0
        )
        """,
        // SECURITY DEFINER: a viewer's request is logged by this function with the owner's rights, so no viewer
        // is ever granted INSERT on change_log itself. The search path is pinned so no role can shadow a name.
        """
        CREATE FUNCTION billtop_log_change(p_what text, p_source bigint, p_rows bigint) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            appended bigint;
        BEGIN
            PERFORM pg_advisory_xact_lock(\(changeLockKey));
            INSERT INTO public.change_log (source_id, what, rows) VALUES (p_source, p_what, p_rows)
                RETURNING seq INTO appended;
            PERFORM pg_notify('\(channel)', appended::text);
            RETURN appended;
        END
        $$
        """,
        "REVOKE ALL ON FUNCTION billtop_log_change(text, bigint, bigint) FROM PUBLIC",
    ]

    /// `v10-pg-action-request`: a viewer's request for an action, performed by `billtop serve` with its key.
    /// Viewers may insert only the columns that describe the request (init-postgres grants them by column): who
    /// asked is the session's role, and state and outcome are the writer's. The checks bound what a viewer can
    /// put in a row, since the writer reads every one.
    static let actionRequest: [String] = [
        """
        CREATE TABLE action_request (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            requested_by text NOT NULL DEFAULT session_user,
            requested_at timestamptz NOT NULL DEFAULT now(),
            host text NOT NULL DEFAULT '' CHECK (length(host) <= 255),
            source_id bigint NOT NULL REFERENCES source(id),
            kind text NOT NULL CHECK (length(kind) <= 64),
            object_kind text NOT NULL CHECK (length(object_kind) <= 64),
            object_id text NOT NULL CHECK (length(object_id) <= 255),
            customer_id text CHECK (length(customer_id) <= 255),
            parameters text NOT NULL DEFAULT '{}' CHECK (length(parameters) <= 8192),
            token text NOT NULL UNIQUE CHECK (length(token) BETWEEN 16 AND 128),
            state text NOT NULL DEFAULT 'requested'
                CHECK (state IN ('requested', 'running', 'succeeded', 'failed', 'refused')),
            outcome text NOT NULL DEFAULT '',
            provider_status integer,
            journal_id bigint REFERENCES action_journal(id),
            started_at timestamptz,
            finished_at timestamptz
        )
        """,
        "CREATE INDEX action_request_open ON action_request (id) WHERE state IN ('requested', 'running')",
        """
        CREATE FUNCTION billtop_request_changed() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
            PERFORM public.billtop_log_change('action_request', NEW.source_id, 1);
            RETURN NULL;
        END
        $$
        """,
        "REVOKE ALL ON FUNCTION billtop_request_changed() FROM PUBLIC",
        """
        CREATE TRIGGER action_request_logged AFTER INSERT OR UPDATE ON action_request
            FOR EACH ROW EXECUTE FUNCTION billtop_request_changed()
        """,
    ]

    /// The columns a viewer may set in a request (init-postgres grants INSERT on these alone).
    static let viewerRequestColumns = [
        "host", "source_id", "kind", "object_kind", "object_id", "customer_id", "parameters", "token",
    ]
}
