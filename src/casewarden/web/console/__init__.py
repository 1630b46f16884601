"""The staff console: server-rendered pages, one router per resource."""
