/// Customer search on PostgreSQL (`v10-pg-customer-search`), with PostgreSQL's own tools: a `simple`-config
/// full-text vector for whole and prefix words, and a `pg_trgm` index for substrings (part of an e-mail, a
/// reference), both kept by the server as generated columns so no writer can forget them.
enum PostgresSearchTables {
    /// The customer's searchable text: the fields SQLite's search index holds, lower-cased.
    static let text = "lower(first_name || ' ' || last_name || ' ' || email || ' ' || organization || ' ' || reference)"

    static let statements: [String] = [
        // pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it.
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "ALTER TABLE customer ADD COLUMN search_text text GENERATED ALWAYS AS (\(text)) STORED",
        """
        ALTER TABLE customer ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, \(text))) STORED
        """,
        "CREATE INDEX customer_search_trgm ON customer USING gin (search_text gin_trgm_ops)",
        "CREATE INDEX customer_search_words ON customer USING gin (search_vector)",
    ]
}
