"""The locate workbench: leads from public social-media postings, verified before use.

The policy letter allows social media as a locate tool for public postings only, and
requires that what is found be independently verified against the locate sources of
22 CCR § 113100 before it is used; litigation use is allowed. Modules:

- ``models``        leads, captures, verifications, evidence packages
- ``sources``       the 22 CCR § 113100 list, as data with its citation
- ``lifecycle``     the states of a lead and the transitions between them
- ``access``        who sees which leads (the one place: own and own unit's)
- ``custody``       each lead's chain of custody, in the audit chain
- ``captures``      captured copies: sniffed by their bytes, hashed, sealed
- ``leads``         recording, reading, listing and using leads
- ``verification``  independent verification
- ``exports``       CSV and JSON for the case management system (verified leads only)
- ``evidence``      litigation evidence packages; ``evidence_check`` verifies them
- ``summary_pdf``   the PDF summary inside a package
- ``expiry``        purging unverified leads past their time
"""
