/// `v12-pg-row-changes`: every row a viewer copies carries the number of the change that last wrote it, so a
/// viewer's copy (`TeamReplica`) catches up by reading the rows above the number it has, table by table, after
/// a minute away or a month.
///
/// The number is the transaction's one `change_log` entry: the first stamped row of a transaction takes it
/// (`billtop_log_change`, under the ordering lock, held to commit), every later row and an explicit call in the
/// same transaction reuse it. So numbers commit in order and a reader that has applied up to N never later finds
/// a row stamped N or below that it has not seen. Rows that existed before the step are stamped 0. Children
/// (components, coupons, lines, payments) are rewritten only with a changed parent, which is stamped. The
/// NOTIFY is sent at commit for an entry still there (a page that changed nothing forgets the number its
/// upsert's triggers took).
enum PostgresReplicaTables {
    /// The tables a viewer's copy follows.
    static let stamped = ["customer", "subscription", "invoice", "event", "component_allocation", "action_journal"]

    static let statements: [String] =
        [
            // Allocations are kept once and have no single key; the copy pages through them by this one.
            "ALTER TABLE component_allocation ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY",
            """
            CREATE OR REPLACE FUNCTION billtop_log_change(p_what text, p_source bigint, p_rows bigint) RETURNS bigint
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            DECLARE
                taken text := current_setting('billtop.change_seq', true);
                appended bigint;
            BEGIN
                IF taken IS NOT NULL AND taken <> '' THEN
                    -- This transaction has its number: an explicit call names what changed and counts its rows.
                    appended := taken::bigint;
                    UPDATE public.change_log SET what = p_what, source_id = coalesce(p_source, source_id),
                        rows = rows + p_rows
                    WHERE seq = appended;
                    RETURN appended;
                END IF;
                PERFORM pg_advisory_xact_lock(\(PostgresTeamTables.changeLockKey));
                INSERT INTO public.change_log (source_id, what, rows) VALUES (p_source, p_what, p_rows)
                    RETURNING seq INTO appended;
                PERFORM set_config('billtop.change_seq', appended::text, true);
                RETURN appended;
            END
            $$
            """,
            // The NOTIFY moves to commit time: an upsert's BEFORE INSERT trigger fires for every row it proposes,
            // conflicting ones too, so a page that changed nothing may have taken a number; the page forgets it
            // (`billtop_forget_change`) and nothing is announced.
            """
            CREATE FUNCTION billtop_announce_change() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM public.change_log WHERE seq = NEW.seq) THEN
                    PERFORM pg_notify('\(PostgresTeamTables.channel)', NEW.seq::text);
                END IF;
                RETURN NULL;
            END
            $$
            """,
            "REVOKE ALL ON FUNCTION billtop_announce_change() FROM PUBLIC",
            """
            CREATE CONSTRAINT TRIGGER change_announced AFTER INSERT ON change_log
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION billtop_announce_change()
            """,
            """
            CREATE FUNCTION billtop_forget_change() RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            DECLARE
                taken text := current_setting('billtop.change_seq', true);
            BEGIN
                IF taken IS NOT NULL AND taken <> '' THEN
                    DELETE FROM public.change_log WHERE seq = taken::bigint;
                    PERFORM set_config('billtop.change_seq', '', true);
                END IF;
            END
            $$
            """,
            "REVOKE ALL ON FUNCTION billtop_forget_change() FROM PUBLIC",
            """
            CREATE FUNCTION billtop_stamp_change() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            DECLARE
                taken text := current_setting('billtop.change_seq', true);
            BEGIN
                IF taken IS NULL OR taken = '' THEN
                    taken := public.billtop_log_change(TG_TABLE_NAME, NULL, 0)::text;
                END IF;
                NEW.change_seq := taken::bigint;
                RETURN NEW;
            END
            $$
            """,
            "REVOKE ALL ON FUNCTION billtop_stamp_change() FROM PUBLIC",
        ]
        + stamped.flatMap { table in
            [
                // A constant default adds the column without rewriting the table.
                "ALTER TABLE \(table) ADD COLUMN change_seq bigint NOT NULL DEFAULT 0",
                "CREATE INDEX \(table)_by_change ON \(table) (change_seq, id)",
                """
                CREATE TRIGGER \(table)_stamped BEFORE INSERT OR UPDATE ON \(table)
                    FOR EACH ROW EXECUTE FUNCTION billtop_stamp_change()
                """,
            ]
        }
}
