"""Import of historical APK shifts and their field records from CSV / XLSX files (docs/import-shifts.md).

One row is one field record with its shift; rows with the same date, start, end and assistants form one
shift. Imported shifts are created approved (`imported=True`) by the importing user, with the hours
worked computed by the one rule for hours (`services.worked_minutes`: end − start − breaks between UTC
instants; a shift over midnight counts on its start date). Times become instants through core/clock.py: a time in
the spring gap is an error at its cell, and one in the autumn fold too unless the cell says which (`2:30 SELČ`,
`2:30 SEČ`). Field records get deterministic client tokens (uuid5 of the organisation and the row's values), so
importing the same file again creates nothing and reports those rows as already imported.

Rows are checked by the same service functions as the shifts and records entered in the UI (the team, the
project's period, a shift's span, a record's rules; assistants/services.py) and saved in bulk, so a file of
thousands of rows takes a fixed number of queries. Bulk inserts are not seen by the audit signals: the rows'
`create` events (and the assistants link, as the UI writes it) are written with `audit.record_created_many`, and
one `import` event sums the file up.

All or nothing: any invalid row, or `dry_run`, saves nothing (no audit rows either); the summary says what would
happen. The web views (views/imports.py) and the `import_shifts` command both call `saving.shift_import`, on the
one import flow of core/importing/.

The package by purpose: `columns` (the file's headers and their help), `rows` (parsing one row), `checks` (the
rows against each other and the saved shifts), `saving` (the import service and the bulk save).
"""
