"""The public privacy portal: information pages, forms library, contact, privacy requests.

One router per resource. Every page is served at its plain path (language by
Accept-Language), under ``/en/`` and under ``/es/``; see ``routing``.
"""
