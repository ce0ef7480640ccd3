"""The one import flow of every app that reads records from CSV / XLSX files: upload → preview → confirm.

An app brings its columns (`columns.ColumnHelp`, the headers), the parsing of its rows (with the Czech cell
parsers of `cells`) and its importer, a function `(*, user, dataset, dry_run) -> rows.ImportSummary` that saves
every row or none. This package does the rest the same way for all of them: reading the upload
(core/tabular.py), the upload and confirm forms, the preview page with the row errors, the file kept on the
server between the two steps (`uploads`), the web views (`views.ImportFlow`) and the management command
(`commands.ImportCommand`).
"""
