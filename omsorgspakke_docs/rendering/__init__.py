"""From case to document: context, fields, filters, the renderer, templates, calendars, PDF."""
