"""The public privacy portal's domain: visits, notices, requests, statistics, log import.

Each module is named after what it keeps or does:

* ``models``      the tables;
* ``network``     IP truncation and the referring site (no DNS in requests);
* ``agents``      browser family and OS from a user-agent string (which is never kept);
* ``content``     the portal's forms library and outbound links (data files);
* ``collection``  what each public form asks for, mandatory or voluntary, and its checks;
* ``notices``     notices at collection, refused when incomplete;
* ``visits``      recording visits, the opt-out, review and discard by session tag;
* ``screening``   marking identifiers and case details in the forms' free text;
* ``messages``    the contact form's messages and their forwards;
* ``requests``    "review my personal information" requests;
* ``records``     where casewarden holds personal information (for reviews);
* ``disclosures`` the one gate for giving visit information to a third party;
* ``suppression`` small-cell and complementary suppression;
* ``statistics``  the statistics tables, publication and CSV;
* ``log_import``  ``casewarden logs import``;
* ``maintenance`` truncating raw IPs, domain lookups, purging old visits;
* ``portal``      which agency the public portal serves.

Nothing here imports FastAPI, Jinja2 or Typer.
"""
