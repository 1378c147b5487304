#!/usr/bin/env python3
"""Replays a synced store's invoices into an emptied copy of its schema, to price the store's parts.

What each structure costs the writer per invoice, measured apart from HTTP and decoding: the invoices of SRC
(with their lines and payments) are inserted again, 200 per transaction as a first listing commits them, into
a copy of SRC emptied of invoices, with some structures removed first. CPU time per invoice is printed.
Python's own overhead (~15 us per invoice) is in every figure, so compare variants, not absolutes.

    billtop bench sync --customers 10000 --separate-sandbox --db /tmp/src.sqlite   # any synced store
    python3 Benchmarks/invoice_replay.py /tmp/src.sqlite full notrig no2 no3 noidx nofts noraw \
        --pragmas "cache_size=-65536;wal_autocheckpoint=16384" --invoices 60000

Variants (combine with '-', e.g. notrig-noidx): full (the schema as is), notrig (no invoice triggers),
no2 (without the two sort indexes deferred since session 4), no3 (without all five deferred sort indexes),
noidx (no secondary invoice index), nocust (no invoice_by_customer), noold (without invoice_open_by_due and
invoice_by_issue, named by no query; `billtop invoices` sorts and filters on their columns),
nouniq (no UNIQUE (source_id, remote_id): a plain INSERT), nofts (no search terms), noraw (an empty raw text).
"""
import argparse, os, resource, shutil, sqlite3, time

DEFERRED_5 = ('invoice_search_by_number', 'invoice_search_by_issue', 'invoice_search_by_due_date',
              'invoice_search_by_total', 'invoice_search_by_due')


def template(src, work):
    path = os.path.join(work, 'template.sqlite')
    if os.path.exists(path):
        os.remove(path)
    sqlite3.connect(src).execute(f"VACUUM INTO '{path}'")
    db = sqlite3.connect(path, isolation_level=None)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ('invoice_line', 'invoice_payment', 'invoice_raw', 'invoice', 'invoice_fts', 'dash_invoice_sums',
                  'dash_invoice_day_sums'):
        if table in tables:
            db.execute(f'DELETE FROM {table}')
    db.execute('VACUUM')
    db.close()
    return path


def replay(src, tmpl, work, variant, n, pragmas, batch):
    dst = os.path.join(work, f'replay-{variant}.sqlite')
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copy(tmpl, dst)
    db = sqlite3.connect(dst, isolation_level=None)
    for p in ['journal_mode=wal', 'synchronous=normal', 'temp_store=memory'] + [p for p in pragmas.split(';') if p]:
        db.execute('PRAGMA ' + p)
    drop = set()
    if 'no2' in variant:
        drop |= set(DEFERRED_5[3:])
    if 'no3' in variant:
        drop |= set(DEFERRED_5)
    if 'noidx' in variant:
        drop |= {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoice' AND sql IS NOT NULL")}
    if 'noold' in variant:
        drop |= {'invoice_open_by_due', 'invoice_by_issue'}
    if 'nocust' in variant:
        drop.add('invoice_by_customer')
    for name in drop:
        db.execute(f'DROP INDEX IF EXISTS {name}')
    if 'nouniq' in variant:
        # The table again without its UNIQUE (source_id, remote_id), its other indexes and triggers kept.
        (table_sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'invoice'").fetchone()
        others = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'invoice' "
                                           "AND type IN ('index', 'trigger') AND sql IS NOT NULL")]
        db.execute('PRAGMA foreign_keys = OFF')
        db.execute('DROP TABLE invoice')
        db.execute(table_sql.replace(',\n    UNIQUE (source_id, remote_id)', ''))
        for sql in others:
            db.execute(sql)
    if 'notrig' in variant:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'invoice'").fetchall():
            db.execute(f'DROP TRIGGER {name}')
    apart = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'invoice_raw'").fetchone()[0] == 1

    db.execute('ATTACH ? AS src', (src,))
    cols = [r[1] for r in db.execute('PRAGMA src.table_info(invoice)') if r[1] != 'id']
    lcols = [r[1] for r in db.execute('PRAGMA src.table_info(invoice_line)')]
    pcols = [r[1] for r in db.execute('PRAGMA src.table_info(invoice_payment)')]
    raw_sql = 'coalesce((SELECT raw FROM src.invoice_raw r WHERE r.invoice_id = i.id), i.raw)' if apart else 'i.raw'
    rows = db.execute(f"SELECT i.id, {', '.join('i.' + c for c in cols)}, {raw_sql} FROM src.invoice i ORDER BY i.id LIMIT ?", (n,)).fetchall()
    last = rows[-1][0]
    lines, pays = {}, {}
    for r in db.execute(f"SELECT {', '.join(lcols)} FROM src.invoice_line WHERE invoice_id <= ?", (last,)):
        lines.setdefault(r[0], []).append(r)
    for r in db.execute(f"SELECT {', '.join(pcols)} FROM src.invoice_payment WHERE invoice_id <= ?", (last,)):
        pays.setdefault(r[0], []).append(r)
    db.execute('DETACH src')

    ri = cols.index('raw')
    ins = (f"INSERT INTO invoice ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
           + ('' if 'nouniq' in variant else "ON CONFLICT (source_id, remote_id) DO UPDATE SET status = excluded.status ")
           + 'RETURNING id')
    ins_raw = 'INSERT INTO invoice_raw (invoice_id, raw) VALUES (?, ?) ON CONFLICT (invoice_id) DO UPDATE SET raw = excluded.raw'
    ins_line = f"INSERT INTO invoice_line ({', '.join(lcols)}) VALUES ({', '.join('?' * len(lcols))})"
    ins_pay = f"INSERT INTO invoice_payment ({', '.join(pcols)}) VALUES ({', '.join('?' * len(pcols))})"
    started = time.process_time()
    wall = time.time()
    for k in range(0, len(rows), batch):
        db.execute('BEGIN')
        written = []
        for r in rows[k:k + batch]:
            values = list(r[1:-1])
            raw = '' if 'noraw' in variant else r[-1]
            values[ri] = '' if apart else raw
            (new_id,) = db.execute(ins, values).fetchone()
            if apart:
                db.execute(ins_raw, (new_id, raw))
            for line in lines.get(r[0], []):
                db.execute(ins_line, (new_id,) + tuple(line[1:]))
            for pay in pays.get(r[0], []):
                db.execute(ins_pay, (new_id,) + tuple(pay[1:]))
            written.append(new_id)
        if 'nofts' not in variant:
            # As the app's SearchIndexBatch: one statement per page, so FTS5 writes one segment per page.
            db.execute('INSERT OR REPLACE INTO invoice_fts (rowid, number) SELECT id, number FROM invoice '
                       'WHERE id IN (SELECT value FROM json_each(?))', ('[' + ','.join(map(str, written)) + ']',))
        db.execute('COMMIT')
    cpu = time.process_time() - started
    print(f'{variant:28s} {len(rows)} invoices: {cpu / len(rows) * 1e6:6.1f} us CPU per invoice, {time.time() - wall:.1f} s wall')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src')
    parser.add_argument('variants', nargs='+')
    parser.add_argument('--invoices', type=int, default=60000)
    parser.add_argument('--pragmas', default='')
    parser.add_argument('--batch', type=int, default=200)
    parser.add_argument('--work', default='/tmp/billtop-replay')
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tmpl = template(args.src, args.work)
    for variant in args.variants:
        replay(args.src, tmpl, args.work, variant, args.invoices, args.pragmas, args.batch)
    print(f'peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB')


if __name__ == '__main__':
    main()
