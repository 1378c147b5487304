/// The records on PostgreSQL (migration `v10-pg-records`): the same tables and columns as the SQLite store's
/// (`Schema/CoreTables.swift`), so one mapping serves both engines. Times stay integer seconds since 1970 and
/// money integer minor units (`bigint`), as in SQLite; ids are identities, never reused.
enum PostgresRecordTables {
    static let statements: [String] = [
        """
        CREATE TABLE source (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            kind text NOT NULL,
            base_url text NOT NULL,
            account text NOT NULL DEFAULT '',
            created_at bigint NOT NULL
        )
        """,
        """
        CREATE TABLE customer (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_id bigint NOT NULL REFERENCES source(id),
            remote_id text NOT NULL,
            first_name text NOT NULL, last_name text NOT NULL, email text NOT NULL,
            organization text NOT NULL, reference text NOT NULL, phone text NOT NULL,
            city text NOT NULL, country text NOT NULL,
            sort_name text NOT NULL,
            created_at bigint, updated_at bigint,
            deleted_at bigint,
            flags text NOT NULL DEFAULT '',
            raw text NOT NULL,
            UNIQUE (source_id, remote_id)
        )
        """,
        "CREATE INDEX customer_by_name ON customer (sort_name, id)",
        """
        CREATE TABLE subscription (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_id bigint NOT NULL REFERENCES source(id),
            remote_id text NOT NULL,
            customer_remote_id text NOT NULL,
            state text NOT NULL, previous_state text,
            product_id text NOT NULL, product_name text NOT NULL, product_family text NOT NULL,
            currency text NOT NULL, product_price_minor bigint NOT NULL, balance_minor bigint NOT NULL,
            interval_count bigint NOT NULL, interval_unit text NOT NULL,
            collection_method text NOT NULL,
            card_type text, card_masked text, card_exp_month bigint, card_exp_year bigint,
            current_period_started_at bigint, current_period_ends_at bigint, next_assessment_at bigint,
            trial_ended_at bigint, activated_at bigint, canceled_at bigint,
            cancel_at_end_of_period boolean NOT NULL, scheduled_cancellation_at bigint, on_hold_at bigint,
            created_at bigint, updated_at bigint,
            deleted_at bigint,
            flags text NOT NULL DEFAULT '',
            raw text NOT NULL,
            UNIQUE (source_id, remote_id)
        )
        """,
        "CREATE INDEX subscription_by_customer ON subscription (source_id, customer_remote_id)",
        """
        CREATE TABLE subscription_component (
            subscription_id bigint NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
            position integer NOT NULL,
            component_id text NOT NULL, name text NOT NULL, kind text NOT NULL,
            quantity text NOT NULL, currency text NOT NULL, unit_price_minor bigint NOT NULL,
            enabled boolean NOT NULL,
            PRIMARY KEY (subscription_id, position)
        )
        """,
        """
        CREATE TABLE subscription_coupon (
            subscription_id bigint NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
            position integer NOT NULL,
            code text NOT NULL,
            percentage text, currency text, amount_minor bigint,
            recurring boolean NOT NULL, duration_periods bigint,
            applied_at bigint, ends_at bigint,
            PRIMARY KEY (subscription_id, position)
        )
        """,
        """
        CREATE TABLE invoice (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_id bigint NOT NULL REFERENCES source(id),
            remote_id text NOT NULL,
            number text NOT NULL,
            customer_remote_id text NOT NULL, subscription_remote_id text,
            status text NOT NULL, currency text NOT NULL,
            issue_date text, due_date text, paid_date text,
            subtotal_minor bigint NOT NULL, discount_minor bigint NOT NULL, tax_minor bigint NOT NULL,
            total_minor bigint NOT NULL, credit_minor bigint NOT NULL, paid_minor bigint NOT NULL,
            refund_minor bigint NOT NULL, due_minor bigint NOT NULL,
            product_name text NOT NULL, memo text NOT NULL,
            open_rank integer NOT NULL,
            due_sort text NOT NULL,
            issue_sort text NOT NULL,
            created_at bigint, updated_at bigint,
            deleted_at bigint,
            flags text NOT NULL DEFAULT '',
            raw text NOT NULL,
            UNIQUE (source_id, remote_id)
        )
        """,
        "CREATE INDEX invoice_open_by_due ON invoice (open_rank, due_sort, id)",
        "CREATE INDEX invoice_by_customer ON invoice (source_id, customer_remote_id, issue_sort, id)",
        "CREATE INDEX invoice_by_issue ON invoice (issue_sort, id)",
        """
        CREATE TABLE invoice_line (
            invoice_id bigint NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
            position integer NOT NULL,
            remote_id text NOT NULL, title text NOT NULL, description text NOT NULL,
            quantity text NOT NULL, currency text NOT NULL,
            unit_price_minor bigint NOT NULL, subtotal_minor bigint NOT NULL, discount_minor bigint NOT NULL,
            tax_minor bigint NOT NULL, total_minor bigint NOT NULL,
            period_start text, period_end text, product_id text, component_id text,
            kind text NOT NULL, is_recurring boolean NOT NULL,
            PRIMARY KEY (invoice_id, position)
        )
        """,
        """
        CREATE TABLE invoice_payment (
            invoice_id bigint NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
            position integer NOT NULL,
            remote_id text NOT NULL, transaction_time bigint, memo text NOT NULL, currency text NOT NULL,
            original_minor bigint NOT NULL, applied_minor bigint NOT NULL,
            method text NOT NULL, method_detail text NOT NULL,
            PRIMARY KEY (invoice_id, position)
        )
        """,
        // The fetcher's checkpoint per stream, committed in the same transaction as its page's rows.
        """
        CREATE TABLE sync_state (
            source_id bigint NOT NULL REFERENCES source(id),
            stream text NOT NULL,
            phase text NOT NULL,
            run_started_at bigint,
            window_start bigint, window_end bigint,
            cursor text, page bigint NOT NULL DEFAULT 0,
            full_listing boolean NOT NULL DEFAULT false,
            high_water bigint,
            last_completed_at bigint, last_full_at bigint,
            records_this_run bigint NOT NULL DEFAULT 0,
            last_error text,
            updated_at bigint NOT NULL,
            seen_floor bigint,
            PRIMARY KEY (source_id, stream)
        )
        """,
    ]
}
