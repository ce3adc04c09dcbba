"""Stage 1, read and check: data/<type>/<id>.yml -> validated models, or every problem at once
(file, line, column, field and what to write instead)."""
