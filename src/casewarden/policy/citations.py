"""The sources the rules cite, in the words shown to people."""

from __future__ import annotations

LETTER = "the state policy letter on social media use by local child support agencies"
FC_17212 = "Family Code § 17212"
CCR_113100 = "22 CCR § 113100"
COMMENT_POLICY = "the agency's published comment policy"
